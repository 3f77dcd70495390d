using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>An application's container with the bridge in it, as AddFailSmartFeatureManagement sets it up.</summary>
internal static class BridgeServices
{
    public static ServiceProvider Build(IFailSmartClient client, ITargetingContextAccessor? ambient = null, IConfiguration? configuration = null, ILoggerProvider? logs = null)
    {
        var services = new ServiceCollection();
        services.AddLogging(logging =>
        {
            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        if (configuration is not null)
        {
            services.AddSingleton(configuration);
        }

        services.AddSingleton(client);
        if (ambient is not null)
        {
            services.AddSingleton(ambient); // what WithTargeting registers, with this instance
        }

        services.AddFailSmartFeatureManagement();
        return services.BuildServiceProvider();
    }

    /// <summary>A client that evaluates <see cref="BridgeRules"/> and records nothing.</summary>
    public static IFailSmartClient LocalClient() => new FailSmartClientBuilder().WithLocalRuleSet(BridgeRules.Configuration, "production").Build();
}
