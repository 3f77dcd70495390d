using FailSmart.Protocol.Configuration;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>
/// Features an application defined only in its FeatureManagement configuration keep their configured
/// answer until FailSmart defines a flag of that name; then FailSmart's answer wins.
/// </summary>
public sealed class ConfiguredFeatureFallbackTests
{
    private const int ServedFromConfiguration = 3050;

    private static IConfiguration AppSettings() => new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
    {
        ["FeatureManagement:legacy-report"] = "true",
        ["FeatureManagement:legacy-export"] = "false",
        ["FeatureManagement:checkout-v2"] = "false", // FailSmart defines it: FailSmart answers
        ["FeatureManagement:everyone:EnabledFor:0:Name"] = "Microsoft.Percentage",
        ["FeatureManagement:everyone:EnabledFor:0:Parameters:Value"] = "100",
    }).Build();

    [Fact]
    public async Task A_feature_only_in_configuration_keeps_its_configured_answer()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor("u-1"), AppSettings());
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();
        CancellationToken cancel = TestContext.Current.CancellationToken;

        (await features.IsEnabledAsync("legacy-report", cancel)).ShouldBeTrue();
        (await features.IsEnabledAsync("legacy-report", new TargetingContext { UserId = "u-2" }, cancel)).ShouldBeTrue();
        (await features.IsEnabledAsync("legacy-export", cancel)).ShouldBeFalse();
        (await features.IsEnabledAsync("everyone", cancel)).ShouldBeTrue(); // its configured filter still runs
        (await features.IsEnabledAsync("nowhere", cancel)).ShouldBeFalse();
    }

    [Fact]
    public async Task A_feature_FailSmart_defines_is_answered_by_FailSmart_not_the_configuration()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor("u-1", "beta"), AppSettings());
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        (await features.IsEnabledAsync("checkout-v2", TestContext.Current.CancellationToken)).ShouldBeTrue(); // configured false, FailSmart on for beta
    }

    [Fact]
    public async Task Once_FailSmart_defines_a_configured_feature_its_answer_wins_and_the_fallback_was_logged_once()
    {
        const string Legacy = """
            { "version": 1, "flags": [{ "key": "legacy-report", "type": "boolean",
              "variations": [{ "key": "off", "value": false }, { "key": "on", "value": true }],
              "environments": { "production": { "enabled": false, "offVariation": "off", "defaultVariation": "on", "rules": [] } } }] }
            """;
        using IFailSmartClient before = BridgeServices.LocalClient();
        using IFailSmartClient after = new FailSmartClientBuilder().WithLocalRuleSet(ConfigDocument.Parse(Legacy).Configuration!, "production").Build();
        var client = new SwitchableClient(before);
        var logs = new ListLoggerProvider();
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor("u-1"), AppSettings(), logs);
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();
        CancellationToken cancel = TestContext.Current.CancellationToken;

        for (int i = 0; i < 3; i++)
        {
            (await features.IsEnabledAsync("legacy-report", cancel)).ShouldBeTrue();
        }

        (await features.IsEnabledAsync("legacy-export", cancel)).ShouldBeFalse();
        client.Current = after;
        (await features.IsEnabledAsync("legacy-report", cancel)).ShouldBeFalse(); // FailSmart turned it off

        string[] logged = [.. logs.Entries.Where(e => e.EventId == ServedFromConfiguration).Select(e => e.Message)];
        logged.Length.ShouldBe(2); // once per feature, however often it is asked for
        logged.Count(m => m.Contains("legacy-report", StringComparison.Ordinal)).ShouldBe(1);
        logged.Count(m => m.Contains("legacy-export", StringComparison.Ordinal)).ShouldBe(1);
    }

    [Fact]
    public async Task Definitions_registered_before_FailSmart_are_the_fallback()
    {
        IConfiguration custom = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MyFeatures:custom-only"] = "true",
            ["MyFeatures:banner"] = "false",
        }).Build();
        using IFailSmartClient client = BridgeServices.LocalClient();
        var services = new ServiceCollection();
        services.AddSingleton(client);
        services.AddFeatureManagement(custom.GetSection("MyFeatures"));
        services.AddFailSmartFeatureManagement();
        await using ServiceProvider provider = services.BuildServiceProvider();
        IVariantFeatureManager features = provider.GetRequiredService<IVariantFeatureManager>();

        (await features.IsEnabledAsync("custom-only", TestContext.Current.CancellationToken)).ShouldBeTrue();
        (await features.IsEnabledAsync("banner", TestContext.Current.CancellationToken)).ShouldBeTrue(); // FailSmart's answer
    }

    [Fact]
    public async Task Feature_names_are_the_FailSmart_flags_and_the_configuration_only_features_once_each()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, configuration: AppSettings());
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        var names = new List<string>();
        await foreach (string name in features.GetFeatureNamesAsync(TestContext.Current.CancellationToken))
        {
            names.Add(name);
        }

        names.ShouldBe([.. client.FlagKeys, "legacy-report", "legacy-export", "everyone"], ignoreOrder: true);
    }
}
