using System.Globalization;
using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

/// <summary>Flag usage: daily buckets added once per report, the sources that reported, and retention.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static readonly DateTimeOffset s_usageDay = DateTimeOffset.Parse("2026-11-20T10:00:00Z", CultureInfo.InvariantCulture);

    private async Task<IFlagUsageStore> ReadyUsageStoreAsync() => (IFlagUsageStore)await ReadyStoreAsync();

    private static FlagUsageReport Report(string id, string environment, string source, params FlagUsageCount[] counts) =>
        new(id, environment, source, s_usageDay.AddMinutes(1), counts);

    [Fact]
    public async Task RecordUsageAsync_adds_counts_to_their_day_keeps_the_latest_evaluation_and_every_source()
    {
        IFlagUsageStore store = await ReadyUsageStoreAsync();

        (await store.RecordUsageAsync(Report("r1", "production", "sdk-dotnet",
            new FlagUsageCount("checkout", "on", 10, s_usageDay),
            new FlagUsageCount("checkout", "off", 3, s_usageDay.AddMinutes(-5))), Ct)).ShouldBeTrue();
        (await store.RecordUsageAsync(Report("r2", "production", "ofrep",
            new FlagUsageCount("checkout", "on", 5, s_usageDay.AddMinutes(-30)),
            new FlagUsageCount("checkout", "on", 7, s_usageDay.AddDays(1))), Ct)).ShouldBeTrue();
        (await store.RecordUsageAsync(Report("r3", "production", "sdk-dotnet", new FlagUsageCount("checkout", "on", 1, s_usageDay.AddMinutes(2))), Ct)).ShouldBeTrue();

        IReadOnlyList<FlagUsageDay> days = await store.ListUsageAsync(new FlagUsageQuery(DateOnly.FromDateTime(s_usageDay.UtcDateTime)), Ct);

        days.Select(d => (d.Environment, d.Flag, d.Variation, d.Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), d.Count, d.LastEvaluated, string.Join(",", d.Sources))).ShouldBe(
        [
            ("production", "checkout", "off", "2026-11-20", 3L, s_usageDay.AddMinutes(-5), "sdk-dotnet"),
            ("production", "checkout", "on", "2026-11-20", 16L, s_usageDay.AddMinutes(2), "ofrep,sdk-dotnet"),
            ("production", "checkout", "on", "2026-11-21", 7L, s_usageDay.AddDays(1), "ofrep"),
        ]);
    }

    [Fact]
    public async Task RecordUsageAsync_the_same_report_id_again_counts_nothing()
    {
        IFlagUsageStore store = await ReadyUsageStoreAsync();
        FlagUsageReport report = Report("flush-1", "staging", "sdk-dotnet", new FlagUsageCount("checkout", "on", 12, s_usageDay));

        bool first = await store.RecordUsageAsync(report, Ct);
        bool again = await store.RecordUsageAsync(report, Ct);

        (first, again).ShouldBe((true, false));
        (await store.ListUsageAsync(new FlagUsageQuery(new DateOnly(2026, 1, 1)), Ct)).Single().Count.ShouldBe(12);
    }

    [Fact]
    public async Task ListUsageAsync_filters_by_day_environment_and_flag()
    {
        IFlagUsageStore store = await ReadyUsageStoreAsync();
        await store.RecordUsageAsync(Report("a", "production", "ofrep",
            new FlagUsageCount("checkout", "on", 1, s_usageDay.AddDays(-2)),
            new FlagUsageCount("checkout", "on", 2, s_usageDay),
            new FlagUsageCount("banner", "on", 4, s_usageDay)), Ct);
        await store.RecordUsageAsync(Report("b", "staging", "ofrep", new FlagUsageCount("checkout", "on", 8, s_usageDay)), Ct);
        var from = DateOnly.FromDateTime(s_usageDay.UtcDateTime);

        (await store.ListUsageAsync(new FlagUsageQuery(from), Ct)).Sum(d => d.Count).ShouldBe(14);
        (await store.ListUsageAsync(new FlagUsageQuery(from, Environment: "production"), Ct)).Sum(d => d.Count).ShouldBe(6);
        (await store.ListUsageAsync(new FlagUsageQuery(from, Flag: "checkout"), Ct)).Sum(d => d.Count).ShouldBe(10);
        (await store.ListUsageAsync(new FlagUsageQuery(from.AddDays(-2), "production", "checkout"), Ct)).Sum(d => d.Count).ShouldBe(3);
    }

    [Fact]
    public async Task ListUsageSourcesAsync_names_each_source_per_environment_with_its_last_report_even_an_empty_one()
    {
        IFlagUsageStore store = await ReadyUsageStoreAsync();
        await store.RecordUsageAsync(Report("a", "production", "sdk-dotnet"), Ct);
        await store.RecordUsageAsync(new FlagUsageReport("b", "production", "sdk-dotnet", s_usageDay.AddHours(1), []), Ct);
        await store.RecordUsageAsync(new FlagUsageReport("c", "production", "sdk-dotnet", s_usageDay.AddMinutes(-10), []), Ct);
        await store.RecordUsageAsync(Report("d", "staging", "ofrep"), Ct);

        IReadOnlyList<FlagUsageSource> sources = await store.ListUsageSourcesAsync(Ct);

        sources.ShouldBe(
        [
            new FlagUsageSource("production", "sdk-dotnet", s_usageDay.AddHours(1)),
            new FlagUsageSource("staging", "ofrep", s_usageDay.AddMinutes(1)),
        ]);
        (await store.ListUsageAsync(new FlagUsageQuery(new DateOnly(2026, 1, 1)), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task PruneUsageAsync_deletes_days_before_the_cutoff_and_forgets_old_report_ids()
    {
        IFlagUsageStore store = await ReadyUsageStoreAsync();
        FlagUsageReport old = new("old", "production", "ofrep", s_usageDay.AddDays(-91), [new FlagUsageCount("checkout", "on", 5, s_usageDay.AddDays(-91))]);
        await store.RecordUsageAsync(old, Ct);
        await store.RecordUsageAsync(Report("new", "production", "ofrep", new FlagUsageCount("checkout", "on", 2, s_usageDay)), Ct);

        int deleted = await store.PruneUsageAsync(s_usageDay.AddDays(-90), Ct);

        deleted.ShouldBe(1);
        (await store.ListUsageAsync(new FlagUsageQuery(new DateOnly(2026, 1, 1)), Ct)).Select(d => d.Count).ShouldBe([2L]);
        // Its id is forgotten with it: the same report counts again (it is long past any resend).
        (await store.RecordUsageAsync(old, Ct)).ShouldBeTrue();
        (await store.RecordUsageAsync(Report("new", "production", "ofrep", new FlagUsageCount("checkout", "on", 2, s_usageDay)), Ct)).ShouldBeFalse();
    }
}
