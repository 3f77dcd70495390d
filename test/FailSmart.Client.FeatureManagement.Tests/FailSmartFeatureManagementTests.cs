using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>Existing Microsoft.FeatureManagement code reads FailSmart flags unchanged.</summary>
public sealed class FailSmartFeatureManagementTests
{
    private const string Rules = """
        {
          "version": 1,
          "flags": [
            { "key": "beta", "type": "boolean",
              "variations": [{ "key": "off", "value": false }, { "key": "on", "value": true }],
              "environments": { "production": { "enabled": true, "offVariation": "off", "defaultVariation": "off",
                "rules": [{ "id": "half", "rollout": { "variation": "on", "percentage": 50 } }] } } },
            { "key": "banner", "type": "string",
              "variations": [{ "key": "plain", "value": "Welcome" }, { "key": "sale", "value": "50% off" }],
              "environments": { "production": { "enabled": true, "offVariation": "plain", "defaultVariation": "plain",
                "rules": [{ "id": "staff", "condition": { "groups": { "$elemMatch": { "$eq": "staff" } } }, "force": { "variation": "sale" } }] } } },
            { "key": "dark", "type": "boolean",
              "variations": [{ "key": "off", "value": false }, { "key": "on", "value": true }],
              "environments": { "production": { "enabled": false, "offVariation": "off", "defaultVariation": "on", "rules": [] } } }
          ]
        }
        """;

    private static readonly Core.Model.Configuration s_configuration = ConfigDocument.Parse(Rules).Configuration!;
    private static readonly Evaluator s_core = new(s_configuration, "production");

    [Fact]
    public async Task IsEnabledAsync_with_a_targeting_context_follows_the_FailSmart_rollout()
    {
        await using ServiceProvider services = Services(ambient: false);
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        int on = 0;
        for (int i = 0; i < 200; i++)
        {
            bool expected = s_core.Evaluate("beta", Attributes.Of(("id", "u-" + i))).Value.AsBoolean();
            bool enabled = await features.IsEnabledAsync("beta", new TargetingContext { UserId = "u-" + i }, TestContext.Current.CancellationToken);
            enabled.ShouldBe(expected, "u-" + i);
            on += enabled ? 1 : 0;
        }

        on.ShouldBeInRange(60, 140); // a 50% rollout really splits
    }

    [Fact]
    public async Task IsEnabledAsync_without_a_context_uses_the_ambient_targeting_context()
    {
        await using ServiceProvider services = Services(ambient: true);
        IFeatureManager features = services.GetRequiredService<IFeatureManager>();
        bool expected = s_core.Evaluate("beta", Attributes.Of(("id", "u-1"))).Value.AsBoolean();

        (await features.IsEnabledAsync("beta")).ShouldBe(expected);
        (await features.IsEnabledAsync("dark")).ShouldBeFalse();
        (await features.IsEnabledAsync("no-such-feature")).ShouldBeFalse();
    }

    [Fact]
    public async Task GetVariantAsync_returns_the_variation_FailSmart_serves_with_its_value()
    {
        await using ServiceProvider services = Services(ambient: true);
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        Variant variant = await features.GetVariantAsync("banner", TestContext.Current.CancellationToken);

        variant.Name.ShouldBe("sale");
        variant.Configuration.Value.ShouldBe("50% off");
    }

    [Fact]
    public async Task Feature_names_are_the_FailSmart_flags()
    {
        await using ServiceProvider services = Services(ambient: false);
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        var names = new List<string>();
        await foreach (string name in features.GetFeatureNamesAsync(TestContext.Current.CancellationToken))
        {
            names.Add(name);
        }

        names.ShouldBe(["beta", "banner", "dark"], ignoreOrder: true);
    }

    private static ServiceProvider Services(bool ambient)
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddSingleton(new FailSmartClientBuilder().WithLocalRuleSet(s_configuration, "production").Build());
        IFeatureManagementBuilder features = services.AddFailSmartFeatureManagement();
        if (ambient)
        {
            features.WithTargeting<StaffUserAccessor>();
        }

        return services.BuildServiceProvider();
    }

    /// <summary>The ambient user, as an application's accessor would read it from the request.</summary>
    private sealed class StaffUserAccessor : ITargetingContextAccessor
    {
        public ValueTask<TargetingContext> GetContextAsync() => ValueTask.FromResult(new TargetingContext { UserId = "u-1", Groups = ["staff"] });
    }
}
