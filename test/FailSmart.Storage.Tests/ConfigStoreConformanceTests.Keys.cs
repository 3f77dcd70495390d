using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

public abstract partial class ConfigStoreConformanceTests
{
    private static ApiKeyRecord Key(string id, ApiKeyKind kind, string? environment) =>
        new(id, "key " + id, kind, environment, new string('a', 63) + id[^1], DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture), null, null, null);

    [Fact]
    public async Task CreateApiKeyAsync_stores_the_hash_and_audits_without_the_secret()
    {
        IConfigStore store = await ReadyStoreAsync();

        await store.CreateApiKeyAsync(Key("k1", ApiKeyKind.Server, "production"), "admin", Ct);

        ApiKeyRecord stored = (await store.GetApiKeyAsync("k1", Ct)).ShouldNotBeNull();
        stored.Kind.ShouldBe(ApiKeyKind.Server);
        stored.Environment.ShouldBe("production");
        stored.SecretHash.ShouldBe(new string('a', 63) + "1");
        stored.CreatedAt.ShouldBe(DateTimeOffset.Parse("2026-01-02T03:04:05Z", System.Globalization.CultureInfo.InvariantCulture));
        AuditEntry audit = (await store.QueryAuditAsync(new AuditQuery(Kind: "api-key"), Ct)).Single();
        audit.Action.ShouldBe("key.create");
        audit.After.ShouldNotBeNull().ShouldNotContain(stored.SecretHash);
    }

    [Fact]
    public async Task RevokeApiKeyAsync_marks_the_key_once()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateApiKeyAsync(Key("k2", ApiKeyKind.Client, "staging"), "admin", Ct);

        (await store.RevokeApiKeyAsync("k2", "admin", Ct)).ShouldBeTrue();
        (await store.RevokeApiKeyAsync("k2", "admin", Ct)).ShouldBeFalse();
        (await store.RevokeApiKeyAsync("nope", "admin", Ct)).ShouldBeFalse();

        (await store.GetApiKeyAsync("k2", Ct))!.RevokedAt.ShouldNotBeNull();
    }

    [Fact]
    public async Task TouchApiKeyAsync_records_last_use()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateApiKeyAsync(Key("k3", ApiKeyKind.Admin, null), "admin", Ct);
        var at = DateTimeOffset.Parse("2026-05-06T07:08:09.123Z", System.Globalization.CultureInfo.InvariantCulture);

        await store.TouchApiKeyAsync("k3", at, Ct);

        (await store.GetApiKeyAsync("k3", Ct))!.LastUsedAt.ShouldBe(at);
        (await store.ListApiKeysAsync(Ct)).Select(k => k.Id).ShouldBe(["k3"]);
    }

    [Fact]
    public async Task Concurrent_updates_with_the_same_expected_version_commit_exactly_once()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("race", "{}"), Ct);

        WriteOutcome[] outcomes = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            CreateStore().UpdateAsync(Write("race", $$"""{"writer":{{i}}}""", expected: 1), cancellationToken: Ct)));

        outcomes.Count(o => o.Status == WriteStatus.Committed).ShouldBe(1);
        outcomes.Count(o => o.Status == WriteStatus.VersionConflict).ShouldBe(7);
        (await store.GetAsync(ResourceKind.Flag, "race", Ct))!.Version.ShouldBe(2);
    }
}
