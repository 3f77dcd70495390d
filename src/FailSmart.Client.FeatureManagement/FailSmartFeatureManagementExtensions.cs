using FailSmart.Client.FeatureManagement;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.FeatureManagement;

#pragma warning disable IDE0130 // extension methods live in the namespace of what they extend
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Makes Microsoft.FeatureManagement read FailSmart flags.</summary>
public static class FailSmartFeatureManagementExtensions
{
    /// <summary>
    /// Adds feature management whose features are the FailSmart flags (IFeatureManager.IsEnabledAsync,
    /// [FeatureGate], GetVariantAsync). Needs an <see cref="FailSmart.Client.IFailSmartClient"/> in the
    /// container (AddFailSmart does that). Register an ITargetingContextAccessor (WithTargeting) to
    /// evaluate for the current user. Features FailSmart does not define are still read from the
    /// definitions registered before this call, else from the application's FeatureManagement
    /// configuration section.
    /// </summary>
    public static IFeatureManagementBuilder AddFailSmartFeatureManagement(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        ServiceDescriptor? previous = services.LastOrDefault(d => d.ServiceType == typeof(IFeatureDefinitionProvider) && !d.IsKeyedService);
        services.RemoveAll<IFeatureDefinitionProvider>();
        services.AddSingleton<IFeatureDefinitionProvider>(provider =>
        {
            (IFeatureDefinitionProvider? configured, bool owned) = ConfiguredFeatures(provider, previous);
            ILogger logger = provider.GetRequiredService<ILoggerFactory>().CreateLogger("FailSmart.Client.FeatureManagement");
            return new FailSmartFeatureDefinitionProvider(provider.GetRequiredService<FailSmart.Client.IFailSmartClient>(), configured, owned, logger);
        });
        IFeatureManagementBuilder builder = services.AddFeatureManagement()
            .AddFeatureFilter<FailSmartFeatureFilter>()
            .AddFeatureFilter<FailSmartContextualFeatureFilter>();
        SafeAmbientContext(services);
        return builder;
    }

    /// <summary>
    /// Wraps the accessor the feature manager is given (resolved when it is first used, so an accessor
    /// registered later by WithTargeting is covered) in one that does not throw outside a request.
    /// </summary>
    private static void SafeAmbientContext(IServiceCollection services)
    {
        ServiceDescriptor? manager = services.LastOrDefault(d => d.ServiceType == typeof(FeatureManager) && !d.IsKeyedService && d.ImplementationFactory is not null);
        if (manager is null)
        {
            return;
        }

        Func<IServiceProvider, object> create = manager.ImplementationFactory!;
        services.Remove(manager);
        services.Add(ServiceDescriptor.Describe(typeof(FeatureManager), provider =>
        {
            var features = (FeatureManager)create(provider);
            if (features.TargetingContextAccessor is { } accessor and not NoRequestTargetingContextAccessor)
            {
                features.TargetingContextAccessor = new NoRequestTargetingContextAccessor(accessor);
            }

            return features;
        }, manager.Lifetime));
    }

    /// <summary>
    /// The application's own feature definitions: the provider registered before FailSmart's (as
    /// AddFeatureManagement or Azure App Configuration register it), else the "FeatureManagement"
    /// configuration section, read as AddFeatureManagement would.
    /// </summary>
    private static (IFeatureDefinitionProvider? Provider, bool Owned) ConfiguredFeatures(IServiceProvider provider, ServiceDescriptor? previous)
    {
        if (previous?.ImplementationInstance is IFeatureDefinitionProvider instance)
        {
            return (instance, false);
        }

        if (previous?.ImplementationFactory is { } factory)
        {
            return ((IFeatureDefinitionProvider)factory(provider), true);
        }

        if (previous?.ImplementationType is { } type)
        {
            return ((IFeatureDefinitionProvider)ActivatorUtilities.CreateInstance(provider, type), true);
        }

        if (provider.GetService<IConfiguration>() is not { } configuration)
        {
            return (null, false);
        }

        ConfigurationFeatureDefinitionProviderOptions? options = provider.GetService<IOptions<ConfigurationFeatureDefinitionProviderOptions>>()?.Value;
        return (new ConfigurationFeatureDefinitionProvider(configuration, options), true);
    }
}
