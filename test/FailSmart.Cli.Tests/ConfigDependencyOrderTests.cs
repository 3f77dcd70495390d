using FailSmart.Cli.ConfigAsCode;

namespace FailSmart.Cli.Tests;

public sealed class ConfigDependencyOrderTests
{
    private static ResourceRef Flag(string key) => new(ConfigSections.Flags, key);

    private static ResourceRef Segment(string key) => new(ConfigSections.Segments, key);

    [Fact]
    public void Sort_puts_each_resource_after_what_it_refers_to_and_ignores_references_outside_the_set()
    {
        var references = new Dictionary<ResourceRef, IReadOnlyCollection<ResourceRef>>
        {
            [Flag("a")] = [Flag("b"), Segment("s")],
            [Flag("b")] = [Segment("elsewhere")],
            [Segment("s")] = [],
            [Flag("c")] = [],
        };

        (IReadOnlyList<ResourceRef> order, IReadOnlyList<ResourceRef>? cycle) = ConfigDependencyOrder.Sort(references);

        cycle.ShouldBeNull();
        order.Select(r => r.ToString()).ShouldBe(["segments/s", "flags/b", "flags/a", "flags/c"]);
    }

    [Fact]
    public void Sort_names_a_cycle_from_its_first_resource_back_to_it()
    {
        var references = new Dictionary<ResourceRef, IReadOnlyCollection<ResourceRef>>
        {
            [Flag("a")] = [Flag("b")],
            [Flag("b")] = [Flag("c")],
            [Flag("c")] = [Flag("a")],
            [Flag("d")] = [Flag("a")],
            [Segment("s")] = [],
        };

        (_, IReadOnlyList<ResourceRef>? cycle) = ConfigDependencyOrder.Sort(references);

        cycle.ShouldNotBeNull();
        string.Join(" -> ", cycle).ShouldBe("flags/a -> flags/b -> flags/c -> flags/a");
    }
}
