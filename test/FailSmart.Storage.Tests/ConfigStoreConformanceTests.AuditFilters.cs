using System.Globalization;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Storage.Tests;

/// <summary>The approver column and the audit filters the web UI's audit page needs.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task Writes_carrying_an_approver_record_it_in_their_audit_entries()
    {
        IConfigStore store = await ReadyStoreAsync();

        await store.CreateAsync(Write("checkout", "{\"v\":1}") with { Approver = "bob" }, Ct);
        await store.UpdateAsync(Write("checkout", "{\"v\":2}") with { Approver = "carol", Environment = "production" }, "toggle", Ct);
        await store.ArchiveAsync(Write("checkout", "") with { Approver = "dan" }, Ct);
        await store.UnarchiveAsync(Write("checkout", "") with { Approver = "erin" }, Ct);
        await store.UpdateAsync(Write("checkout", "{\"v\":3}"), cancellationToken: Ct);

        IReadOnlyList<AuditEntry> entries = await store.QueryAuditAsync(new AuditQuery(Key: "checkout"), Ct);

        entries.Select(e => (e.Action, e.Actor, e.Approver)).ShouldBe(
        [
            ("update", "tester", null),
            ("unarchive", "tester", "erin"),
            ("archive", "tester", "dan"),
            ("toggle", "tester", "carol"),
            ("create", "tester", "bob"),
        ]);
    }

    [Fact]
    public async Task QueryAuditAsync_until_is_an_exclusive_upper_bound_on_the_time()
    {
        var clock = new FakeTimeProvider(DateTimeOffset.Parse("2026-04-01T10:00:00Z", CultureInfo.InvariantCulture));
        Clock = clock;
        IConfigStore store = await ReadyStoreAsync();
        DateTimeOffset start = clock.GetUtcNow();
        foreach (string key in new[] { "first", "second", "third" })
        {
            await store.CreateAsync(Write(key, "{}"), Ct);
            clock.Advance(TimeSpan.FromMinutes(1));
        }

        (await store.QueryAuditAsync(new AuditQuery(Until: start.AddMinutes(1)), Ct)).Select(e => e.Key).ShouldBe(["first"]);
        (await store.QueryAuditAsync(new AuditQuery(Until: start.AddMinutes(2)), Ct)).Select(e => e.Key).ShouldBe(["second", "first"]);
        (await store.QueryAuditAsync(new AuditQuery(Since: start.AddMinutes(1), Until: start.AddMinutes(2)), Ct)).Select(e => e.Key).ShouldBe(["second"]);
        (await store.QueryAuditAsync(new AuditQuery(Until: start), Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task QueryAuditAsync_environment_matches_exactly()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("checkout", "{}"), Ct);
        await store.UpdateAsync(Write("checkout", "{\"on\":true}") with { Environment = "production" }, "toggle", Ct);
        await store.UpdateAsync(Write("checkout", "{\"on\":false}") with { Environment = "staging" }, "toggle", Ct);
        await store.SetEnvironmentApprovalAsync("production", true, "ada", Ct);

        IReadOnlyList<AuditEntry> production = await store.QueryAuditAsync(new AuditQuery(Environment: "production"), Ct);

        production.Select(e => (e.Action, e.Environment)).ShouldBe([("environment.approval", "production"), ("toggle", "production")]);
        (await store.QueryAuditAsync(new AuditQuery(Environment: "prod"), Ct)).ShouldBeEmpty();
        (await store.QueryAuditAsync(new AuditQuery(Environment: "staging", Key: "checkout"), Ct)).Single().After.ShouldBe("{\"on\":false}");
    }

    [Theory]
    [InlineData("ADA", new[] { "ada@example.com", "Ada Lovelace" })]
    [InlineData("lovelace", new[] { "Ada Lovelace" })]
    [InlineData("%", new[] { "50%_off bot" })]
    [InlineData("_", new[] { "50%_off bot" })]
    [InlineData("0%_O", new[] { "50%_off bot" })]
    [InlineData("émile", new[] { "Émile Zola" })]
    [InlineData("ÉMILE", new[] { "Émile Zola" })]
    [InlineData("P\\S", new[] { "corp\\svc" })]
    [InlineData("nobody", new string[0])]
    public async Task QueryAuditAsync_actor_contains_ignores_case_and_matches_wildcards_literally(string text, string[] expected)
    {
        IConfigStore store = await ReadyStoreAsync();
        string[] actors = ["Ada Lovelace", "ada@example.com", "BOB", "50%_off bot", "5000 xoff bot", "Émile Zola", "corp\\svc", "corpXsvc"];
        for (int i = 0; i < actors.Length; i++)
        {
            await store.CreateAsync(Write("flag-" + i, "{}") with { Actor = actors[i] }, Ct);
        }

        IReadOnlyList<AuditEntry> entries = await store.QueryAuditAsync(new AuditQuery(ActorContains: text), Ct);

        entries.Select(e => e.Actor).Order(StringComparer.Ordinal).ShouldBe(expected.Order(StringComparer.Ordinal));
    }
}
