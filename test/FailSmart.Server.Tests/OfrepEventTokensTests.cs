using FailSmart.Application.ApiKeys;
using FailSmart.Server.Auth;
using FailSmart.Server.OpenFeature;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace FailSmart.Server.Tests;

/// <summary>Event stream URL tokens: signed for one key, stable within a period, expiring, and never outliving the key.</summary>
public sealed class OfrepEventTokensTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private static readonly DateTimeOffset s_start = new(2026, 12, 1, 10, 0, 30, TimeSpan.Zero);

    [Fact]
    public async Task Token_is_the_same_within_a_period_and_works_until_the_end_of_the_next()
    {
        var time = new FakeTimeProvider(s_start);
        OfrepEventTokens tokens = Tokens(time);
        ApiKeyRecord key = await CreateKeyAsync(expiresAt: null);

        string issued = tokens.Issue(key);
        time.Advance(TimeSpan.FromSeconds(20));
        tokens.Issue(key).ShouldBe(issued);

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 1, 59, TimeSpan.Zero));
        (await tokens.ValidateAsync(issued, ApiTestExtensions.Ct)).Key!.Id.ShouldBe(key.Id);
        tokens.Issue(key).ShouldNotBe(issued);

        time.SetUtcNow(new DateTimeOffset(2026, 12, 1, 10, 2, 0, TimeSpan.Zero));
        (await tokens.ValidateAsync(issued, ApiTestExtensions.Ct)).Problem!.ShouldContain("expired");
    }

    [Fact]
    public async Task Token_never_outlives_its_key()
    {
        var time = new FakeTimeProvider(s_start);
        OfrepEventTokens tokens = Tokens(time);
        ApiKeyRecord key = await CreateKeyAsync(expiresAt: s_start.AddSeconds(10));

        string issued = tokens.Issue(key);
        time.Advance(TimeSpan.FromSeconds(10));

        (await tokens.ValidateAsync(issued, ApiTestExtensions.Ct)).Problem!.ShouldContain("expired at");
    }

    [Fact]
    public async Task Token_of_one_key_does_not_open_a_stream_for_another()
    {
        var time = new FakeTimeProvider(s_start);
        OfrepEventTokens tokens = Tokens(time);
        ApiKeyRecord first = await CreateKeyAsync(expiresAt: null);
        ApiKeyRecord second = await CreateKeyAsync(expiresAt: null);
        string[] parts = tokens.Issue(first).Split('.');

        (await tokens.ValidateAsync($"{second.Id}.{parts[1]}.{parts[2]}", ApiTestExtensions.Ct)).Problem!.ShouldContain("not issued by this FailSmart");
    }

    private OfrepEventTokens Tokens(TimeProvider time) =>
        new(factory.Services.GetRequiredService<ApiKeyCache>(), Options.Create(new OfrepOptions { EventStreamTokenMinutes = 1 }), time);

    private async Task<ApiKeyRecord> CreateKeyAsync(DateTimeOffset? expiresAt)
    {
        (string secret, string id) = ApiKeySecret.Generate(ApiKeyKind.Client);
        var record = new ApiKeyRecord(id, "token test", ApiKeyKind.Client, "production", ApiKeySecret.Hash(secret), s_start, expiresAt, null, null);
        await factory.Services.GetRequiredService<IConfigStore>().CreateApiKeyAsync(record, "test", ApiTestExtensions.Ct);
        return record;
    }
}
