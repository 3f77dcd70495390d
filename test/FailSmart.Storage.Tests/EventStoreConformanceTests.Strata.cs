using FailSmart.Storage.Events;

namespace FailSmart.Storage.Tests;

/// <summary>Units per stratum across every experiment: the target population made of all exposures in a window.</summary>
public abstract partial class EventStoreConformanceTests
{
    [Fact]
    public async Task CountUnitsByAttributeAsync_counts_each_unit_once_by_its_first_exposure_in_the_window_across_experiments()
    {
        IEventStore store = await SeededStoreAsync();

        IReadOnlyList<AttributeUnits> countries = await store.CountUnitsByAttributeAsync("production", "country", T0 + H(2), T0 + D(30), Ct);
        IReadOnlyList<AttributeUnits> staging = await store.CountUnitsByAttributeAsync("staging", "country", T0 - D(1), T0 + D(30), Ct);

        // From hour 2: a1 enters through its day-5 checkout exposure (AU), m1 at hour 4 (NZ), a3 and b3 at hour 2 (US).
        // b1, b2, b4, z9, y1 and y2 enter through exposures without a country. a2 and b1's checkout exposures are
        // before the window, "late" after it, and s1 is in staging.
        countries.ShouldBe([new AttributeUnits(null, 6), new AttributeUnits("AU", 1), new AttributeUnits("NZ", 1), new AttributeUnits("US", 2)]);
        staging.ShouldBe([new AttributeUnits("NZ", 1)]);
    }

    [Fact]
    public async Task CountUnitsByAttributeAsync_refuses_a_window_that_ends_before_it_starts()
    {
        IEventStore store = await SeededStoreAsync();

        await Should.ThrowAsync<ArgumentException>(() => store.CountUnitsByAttributeAsync("production", "country", T0 + D(1), T0, Ct));
    }

    [Fact]
    public async Task CountUnitsByAttributeAsync_for_a_phase_counts_units_of_one_variation_by_their_first_exposure()
    {
        IEventStore store = await SeededStoreAsync();

        IReadOnlyList<AttributeUnits> countries = await store.CountUnitsByAttributeAsync(Checkout, "country", Ct);
        IReadOnlyList<AttributeUnits> platforms = await store.CountUnitsByAttributeAsync(Checkout, "platform", Ct);

        // Checkout's units: a1 (NZ first, AU later), a2 NZ, a3 US, b1 NZ, b2 US, b3 US, b4 without attributes; m1 saw
        // both variations and "late" came after the scope's time, so neither counts.
        countries.ShouldBe([new AttributeUnits(null, 1), new AttributeUnits("NZ", 3), new AttributeUnits("US", 3)]);
        platforms.ShouldBe([new AttributeUnits(null, 1), new AttributeUnits("ios", 6)]);
    }

    [Fact]
    public async Task AnalyzeJointBreakdownAsync_groups_units_by_the_cell_of_their_first_exposure()
    {
        IEventStore store = await SeededStoreAsync();

        MetricBreakdown result = await store.AnalyzeJointBreakdownAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), ["country", "platform"], Ct);

        // Every exposure with a country is on ios, so the cells are the countries' and hold the same sums; b4 has neither.
        result.Attribute.ShouldBe("country,platform");
        result.Segments.Select(s => s.Value).ShouldBe([null, JointValue.Join(["NZ", "ios"]), JointValue.Join(["US", "ios"])]);
        ShouldHave(result.Segments[1].Variations[0], 0, 2, 40, 1600);
        ShouldHave(result.Segments[1].Variations[1], 1, 1, 40, 1600);
        ShouldHave(result.Segments[2].Variations[0], 0, 1, 5, 25);
        ShouldHave(result.Segments[2].Variations[1], 1, 2, 100, 10000);
    }

    [Fact]
    public async Task AnalyzeJointBreakdownAsync_leaves_a_unit_missing_one_attribute_without_a_cell()
    {
        IEventStore store = await SeededStoreAsync();

        MetricBreakdown result = await store.AnalyzeJointBreakdownAsync(Checkout, MetricDefinition.Sum("revenue", "purchase"), ["country", "plan"], Ct);

        // No exposure carries a plan: every unit lacks the cell.
        result.Segments.Select(s => s.Value).ShouldBe([null]);
        result.Segments[0].Variations.Sum(v => v.Units).ShouldBe(7);
    }

    [Fact]
    public async Task CountUnitsByAttributesAsync_counts_each_unit_once_by_the_cell_of_its_first_exposure_in_the_window()
    {
        IEventStore store = await SeededStoreAsync();

        IReadOnlyList<AttributeUnits> cells = await store.CountUnitsByAttributesAsync("production", ["country", "platform"], T0 + H(2), T0 + D(30), Ct);

        cells.ShouldBe([
            new AttributeUnits(null, 6), new AttributeUnits(JointValue.Join(["AU", "ios"]), 1),
            new AttributeUnits(JointValue.Join(["NZ", "ios"]), 1), new AttributeUnits(JointValue.Join(["US", "ios"]), 2)]);
        await Should.ThrowAsync<ArgumentException>(() => store.CountUnitsByAttributesAsync("production", [], T0, T0 + D(1), Ct));
    }
}
