using FailSmart.Client.FeatureManagement;
using Microsoft.Extensions.DependencyInjection.Extensions;
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
    /// evaluate for the current user.
    /// </summary>
    public static IFeatureManagementBuilder AddFailSmartFeatureManagement(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.RemoveAll<IFeatureDefinitionProvider>();
        services.AddSingleton<IFeatureDefinitionProvider, FailSmartFeatureDefinitionProvider>();
        return services.AddFeatureManagement()
            .AddFeatureFilter<FailSmartFeatureFilter>()
            .AddFeatureFilter<FailSmartContextualFeatureFilter>();
    }
}
