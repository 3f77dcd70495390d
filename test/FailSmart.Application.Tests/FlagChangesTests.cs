using FailSmart.Application.Configuration;

namespace FailSmart.Application.Tests;

public sealed class FlagChangesTests
{
    private const string Before = """
        {"key":"f","description":"old","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"staging":{"enabled":true,"rules":[]},"production":{"enabled":false,"rules":[]}}}
        """;

    [Fact]
    public void Between_one_environments_part_changed_names_only_that_environment()
    {
        string after = Before.Replace("\"production\":{\"enabled\":false", "\"production\":{\"enabled\":true", StringComparison.Ordinal);

        FlagChanges changes = FlagChanges.Between(Before, after);

        changes.SharedChanged.ShouldBeFalse();
        changes.EnvironmentsChanged.ShouldBe(["production"]);
    }

    [Fact]
    public void Between_variations_changed_is_a_shared_change_and_a_description_is_not()
    {
        string variations = Before.Replace("\"value\":true", "\"value\":false", StringComparison.Ordinal);
        string description = Before.Replace("\"old\"", "\"new\"", StringComparison.Ordinal);

        FlagChanges.Between(Before, variations).SharedChanged.ShouldBeTrue();
        FlagChanges.Between(Before, description).ShouldBe(new FlagChanges(false, []), new FlagChangesComparer());
    }

    [Fact]
    public void Between_a_new_flag_changes_its_shared_part_and_every_environment_it_names()
    {
        FlagChanges changes = FlagChanges.Between(null, Before);

        changes.SharedChanged.ShouldBeTrue();
        changes.EnvironmentsChanged.ShouldBe(["staging", "production"], ignoreOrder: true);
    }

    [Fact]
    public void EnabledIn_lists_the_environments_where_the_flag_is_on()
    {
        FlagChanges.EnabledIn(Before).ShouldBe(["staging"]);
    }

    private sealed class FlagChangesComparer : IEqualityComparer<FlagChanges>
    {
        public bool Equals(FlagChanges? x, FlagChanges? y) =>
            x!.SharedChanged == y!.SharedChanged && x.EnvironmentsChanged.SequenceEqual(y.EnvironmentsChanged);

        public int GetHashCode(FlagChanges obj) => obj.SharedChanged.GetHashCode();
    }
}
