using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>The investment ledger: one entry per feature, week and phase, replaced in place, audited only when it changes.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static readonly DateOnly s_week14 = new(2026, 3, 30);

    [Fact]
    public async Task WriteLedgerEntriesAsync_replaces_the_same_feature_week_and_phase_and_counts_what_changed()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (ILedgerStore)config;
        LedgerEntryWrite build = new("delivery-dates", s_week14, "build", 4.5, null, "API and page");
        LedgerEntryWrite ship = new("delivery-dates", s_week14, "ship", 1.25, 650.5, null);

        LedgerWriteResult first = await store.WriteLedgerEntriesAsync([build, ship], "Ada", Ct);
        long revision = await config.GetRevisionAsync(Ct);
        LedgerWriteResult again = await store.WriteLedgerEntriesAsync([build, ship], "Bob", Ct);
        clock.Advance(TimeSpan.FromHours(1));
        LedgerWriteResult replaced = await store.WriteLedgerEntriesAsync([build with { PersonDays = 5 }, ship], "Bob", Ct);

        (first.Created, first.Replaced, first.Unchanged, first.Changed).ShouldBe((2, 0, 0, 2));
        (again.Created, again.Replaced, again.Unchanged, again.Changed).ShouldBe((0, 0, 2, 0));
        (await config.GetRevisionAsync(Ct)).ShouldBe(revision + 1);
        (replaced.Created, replaced.Replaced, replaced.Unchanged).ShouldBe((0, 1, 1));
        LedgerEntryRecord stored = replaced.Entries[0];
        (stored.Id, stored.FeatureKey, stored.Week, stored.Phase, stored.PersonDays, stored.CostPerPersonDay, stored.Note, stored.Author, stored.CreatedAt)
            .ShouldBe((first.Entries[0].Id, "delivery-dates", s_week14, "build", 5.0, (double?)null, "API and page", "Bob", clock.GetUtcNow()));
        (await store.ListLedgerEntriesAsync("delivery-dates", Ct)).ShouldBe([stored, first.Entries[1]]);
        first.Entries[1].CostPerPersonDay.ShouldBe(650.5);
        IReadOnlyList<AuditEntry> audit = await config.QueryAuditAsync(new AuditQuery(Kind: "ledger"), Ct);
        audit.Count.ShouldBe(3);
        (audit[0].Action, audit[0].Key, audit[0].Actor).ShouldBe(("ledger.write", "delivery-dates", "Bob"));
        audit[0].Before.ShouldNotBeNull().ShouldContain("\"personDays\":4.5");
        audit[0].After.ShouldNotBeNull().ShouldContain("\"personDays\":5");
    }

    [Fact]
    public async Task ListLedgerEntriesAsync_lists_one_feature_or_all_and_DeleteLedgerEntryAsync_deletes_only_that_features_entry()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (ILedgerStore)config;
        LedgerWriteResult written = await store.WriteLedgerEntriesAsync(
            [new("one-click", s_week14.AddDays(7), "think", 2, null, null), new("delivery-dates", s_week14, "think", 1, null, null), new("one-click", s_week14, "think", 3, null, null)],
            "Ada", Ct);

        (await store.ListLedgerEntriesAsync(null, Ct)).Select(e => (e.FeatureKey, e.Week)).ShouldBe(
            [("delivery-dates", s_week14), ("one-click", s_week14), ("one-click", s_week14.AddDays(7))]);
        (await store.DeleteLedgerEntryAsync("delivery-dates", written.Entries[0].Id, "Bob", Ct)).ShouldBeNull();
        LedgerEntryRecord deleted = (await store.DeleteLedgerEntryAsync("one-click", written.Entries[0].Id, "Bob", Ct)).ShouldNotBeNull();

        deleted.ShouldBe(written.Entries[0]);
        (await store.ListLedgerEntriesAsync("one-click", Ct)).ShouldBe([written.Entries[2]]);
        (await store.DeleteLedgerEntryAsync("one-click", written.Entries[0].Id, "Bob", Ct)).ShouldBeNull();
        AuditEntry audit = (await config.QueryAuditAsync(new AuditQuery(Kind: "ledger"), Ct))[0];
        (audit.Action, audit.Key, audit.Actor, audit.After).ShouldBe(("ledger.delete", "one-click", "Bob", (string?)null));
    }
}
