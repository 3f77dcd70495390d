using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>Target populations: one table per key, replaced whole, audited only when it changes.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task PutPopulationAsync_creates_replaces_and_skips_an_unchanged_table_auditing_each_change()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (IPopulationStore)config;
        const string first = """{"attributes":["country"],"rows":[{"values":["DE"],"units":120}]}""";
        const string second = """{"attributes":["country"],"rows":[{"values":["DE"],"units":150}]}""";

        PopulationWrite created = await store.PutPopulationAsync("launch-markets", first, "Ada", Ct);
        long revision = await config.GetRevisionAsync(Ct);
        PopulationWrite same = await store.PutPopulationAsync("launch-markets", first, "Bob", Ct);
        clock.Advance(TimeSpan.FromHours(1));
        PopulationWrite replaced = await store.PutPopulationAsync("launch-markets", second, "Bob", Ct);

        (created.Created, created.Changed, created.Population.Version, created.Population.UpdatedBy).ShouldBe((true, true, 1L, "Ada"));
        (same.Created, same.Changed, same.Population).ShouldBe((false, false, created.Population));
        (replaced.Created, replaced.Changed).ShouldBe((false, true));
        replaced.Population.ShouldBe(new PopulationRecord("launch-markets", second, 2, "Bob", clock.GetUtcNow()));
        (await config.GetRevisionAsync(Ct)).ShouldBe(revision + 1);
        (await store.GetPopulationAsync("launch-markets", Ct)).ShouldBe(replaced.Population);
        IReadOnlyList<AuditEntry> audit = await config.QueryAuditAsync(new AuditQuery(Kind: "population"), Ct);
        audit.Select(a => (a.Action, a.Key, a.Actor, a.Before, a.After)).ShouldBe(
            [("population.put", "launch-markets", "Bob", first, second), ("population.put", "launch-markets", "Ada", null, first)]);
    }

    [Fact]
    public async Task ListPopulationsAsync_lists_by_key_and_DeletePopulationAsync_deletes_once()
    {
        IConfigStore config = await ReadyStoreAsync();
        var store = (IPopulationStore)config;
        await store.PutPopulationAsync("pilot", "{}", "Ada", Ct);
        await store.PutPopulationAsync("launch", "[]", "Ada", Ct);

        (await store.ListPopulationsAsync(Ct)).Select(p => p.Key).ShouldBe(["launch", "pilot"]);
        PopulationRecord deleted = (await store.DeletePopulationAsync("pilot", "Bob", Ct)).ShouldNotBeNull();
        (await store.DeletePopulationAsync("pilot", "Bob", Ct)).ShouldBeNull();
        (await store.GetPopulationAsync("nobody", Ct)).ShouldBeNull();

        (deleted.Key, deleted.Document).ShouldBe(("pilot", "{}"));
        (await store.ListPopulationsAsync(Ct)).Select(p => p.Key).ShouldBe(["launch"]);
        AuditEntry last = (await config.QueryAuditAsync(new AuditQuery(Kind: "population", Limit: 1), Ct)).ShouldHaveSingleItem();
        (last.Action, last.Key, last.Actor, last.Before, last.After).ShouldBe(("population.delete", "pilot", "Bob", "{}", (string?)null));
    }
}
