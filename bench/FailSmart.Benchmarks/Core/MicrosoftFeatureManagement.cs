using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;

namespace FailSmart.Benchmarks.Core;

/// <summary>The comparison: Microsoft.FeatureManagement set up as documented (DI, configuration, built-in filters).</summary>
internal static class MicrosoftFeatureManagement
{
    public const string TargetingFeature = "NewCheckout";
    public const string VariantFeature = "ButtonCopy";

    public static IVariantFeatureManager Create()
    {
        IConfiguration configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["feature_management:feature_flags:0:id"] = TargetingFeature,
                ["feature_management:feature_flags:0:enabled"] = "true",
                ["feature_management:feature_flags:0:conditions:client_filters:0:name"] = "Microsoft.Targeting",
                ["feature_management:feature_flags:0:conditions:client_filters:0:parameters:Audience:DefaultRolloutPercentage"] = "50",
                ["feature_management:feature_flags:1:id"] = VariantFeature,
                ["feature_management:feature_flags:1:enabled"] = "true",
                ["feature_management:feature_flags:1:variants:0:name"] = "control",
                ["feature_management:feature_flags:1:variants:0:configuration_value"] = "Buy",
                ["feature_management:feature_flags:1:variants:1:name"] = "green",
                ["feature_management:feature_flags:1:variants:1:configuration_value"] = "Buy now",
                ["feature_management:feature_flags:1:variants:2:name"] = "bold",
                ["feature_management:feature_flags:1:variants:2:configuration_value"] = "Complete purchase",
                ["feature_management:feature_flags:1:allocation:default_when_enabled"] = "control",
                ["feature_management:feature_flags:1:allocation:seed"] = "button-test",
                ["feature_management:feature_flags:1:allocation:percentile:0:variant"] = "control",
                ["feature_management:feature_flags:1:allocation:percentile:0:from"] = "0",
                ["feature_management:feature_flags:1:allocation:percentile:0:to"] = "34",
                ["feature_management:feature_flags:1:allocation:percentile:1:variant"] = "green",
                ["feature_management:feature_flags:1:allocation:percentile:1:from"] = "34",
                ["feature_management:feature_flags:1:allocation:percentile:1:to"] = "67",
                ["feature_management:feature_flags:1:allocation:percentile:2:variant"] = "bold",
                ["feature_management:feature_flags:1:allocation:percentile:2:from"] = "67",
                ["feature_management:feature_flags:1:allocation:percentile:2:to"] = "100",
            })
            .Build();

        ServiceProvider services = new ServiceCollection()
            .AddSingleton(configuration)
            .AddFeatureManagement()
            .Services
            .BuildServiceProvider();
        return services.GetRequiredService<IVariantFeatureManager>();
    }
}
