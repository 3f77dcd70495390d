using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>Features: create once per key, compare-and-set updates, and decisions that move the phase in the same transaction.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static FeatureRecord Feature(string key, string name, DateTimeOffset at) =>
        new(key, name, "team-checkout", "think", $$"""{"key":"{{key}}","name":"{{name}}"}""", 1, false, "Ada", at, at);

    [Fact]
    public async Task CreateFeatureAsync_stores_a_key_once_and_ListFeaturesAsync_sorts_by_name_without_archived_ones()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (IFeatureStore)config;
        FeatureRecord delivery = Feature("delivery-dates", "delivery dates at checkout", clock.GetUtcNow());

        (await store.CreateFeatureAsync(delivery, Ct)).ShouldBeTrue();
        (await store.CreateFeatureAsync(delivery with { Name = "again" }, Ct)).ShouldBeFalse();
        (await store.CreateFeatureAsync(Feature("one-click", "One-click reorder", clock.GetUtcNow()), Ct)).ShouldBeTrue();

        (await store.GetFeatureAsync("delivery-dates", Ct)).ShouldBe(delivery);
        (await store.GetFeatureAsync("missing", Ct)).ShouldBeNull();
        (await store.ListFeaturesAsync(false, Ct)).Select(f => f.Key).ShouldBe(["delivery-dates", "one-click"]);
        AuditEntry created = (await config.QueryAuditAsync(new AuditQuery(Kind: "feature"), Ct))[0];
        (created.Action, created.Key, created.Actor).ShouldBe(("feature.create", "one-click", "Ada"));

        FeatureRecord archived = (await store.UpdateFeatureAsync(delivery with { Archived = true }, 1, "Bob", "feature.archive", "Replaced", Ct)).ShouldNotBeNull();
        (archived.Version, archived.Archived).ShouldBe((2L, true));
        (await store.ListFeaturesAsync(false, Ct)).Select(f => f.Key).ShouldBe(["one-click"]);
        (await store.ListFeaturesAsync(true, Ct)).Select(f => f.Key).ShouldBe(["delivery-dates", "one-click"]);
        (await store.CreateFeatureAsync(delivery, Ct)).ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateFeatureAsync_writes_only_from_the_expected_version_and_audits_before_and_after()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (IFeatureStore)config;
        FeatureRecord feature = Feature("delivery-dates", "Delivery dates", clock.GetUtcNow());
        await store.CreateFeatureAsync(feature, Ct);
        clock.Advance(TimeSpan.FromHours(1));

        FeatureRecord renamed = feature with { Name = "Delivery dates at checkout", Owner = "grace@example.com", Document = """{"v":2}""" };
        FeatureRecord updated = (await store.UpdateFeatureAsync(renamed, 1, "Bob", "feature.update", null, Ct)).ShouldNotBeNull();
        FeatureRecord? stale = await store.UpdateFeatureAsync(renamed with { Name = "Lost" }, 1, "Carol", "feature.update", null, Ct);
        FeatureRecord? missing = await store.UpdateFeatureAsync(Feature("missing", "Missing", clock.GetUtcNow()), 1, "Carol", "feature.update", null, Ct);

        (updated.Name, updated.Owner, updated.Document, updated.Version, updated.UpdatedAt, updated.CreatedAt)
            .ShouldBe(("Delivery dates at checkout", "grace@example.com", """{"v":2}""", 2L, clock.GetUtcNow(), feature.CreatedAt));
        (stale, missing).ShouldBe((null, null));
        (await store.GetFeatureAsync("delivery-dates", Ct)).ShouldBe(updated);
        AuditEntry audit = (await config.QueryAuditAsync(new AuditQuery(Kind: "feature"), Ct))[0];
        (audit.Action, audit.Actor, audit.Before, audit.After).ShouldBe(("feature.update", "Bob", feature.Document, """{"v":2}"""));
    }

    [Fact]
    public async Task RecordDecisionAsync_moves_the_phase_with_the_decision_and_refuses_a_stale_version()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore config = await ReadyStoreAsync();
        var store = (IFeatureStore)config;
        await store.CreateFeatureAsync(Feature("delivery-dates", "Delivery dates", clock.GetUtcNow()), Ct);
        clock.Advance(TimeSpan.FromDays(3));

        FeatureDecisionRecord decided = (await store.RecordDecisionAsync("delivery-dates", 1,
            new NewFeatureDecision("advance", "build", "Interviews confirm the problem", """{"results":[]}""", """{"phase":"build"}""", "Grace"), Ct)).ShouldNotBeNull();
        FeatureDecisionRecord? stale = await store.RecordDecisionAsync("delivery-dates", 1,
            new NewFeatureDecision("stop", "stopped", "Too late", "{}", """{"phase":"stopped"}""", "Carol"), Ct);

        (decided.FeatureKey, decided.Decision, decided.FromPhase, decided.ToPhase, decided.Reason, decided.Evidence, decided.Actor, decided.At)
            .ShouldBe(("delivery-dates", "advance", "think", "build", "Interviews confirm the problem", """{"results":[]}""", "Grace", clock.GetUtcNow()));
        stale.ShouldBeNull();
        FeatureRecord feature = (await store.GetFeatureAsync("delivery-dates", Ct)).ShouldNotBeNull();
        (feature.Phase, feature.Version, feature.Document).ShouldBe(("build", 2L, """{"phase":"build"}"""));
        (await store.ListDecisionsAsync("delivery-dates", Ct)).ShouldBe([decided]);
        (await store.ListDecisionsAsync("missing", Ct)).ShouldBeEmpty();
        AuditEntry audit = (await config.QueryAuditAsync(new AuditQuery(Kind: "feature"), Ct))[0];
        (audit.Action, audit.Reason, audit.Actor).ShouldBe(("feature.decide", "Interviews confirm the problem", "Grace"));
    }
}
