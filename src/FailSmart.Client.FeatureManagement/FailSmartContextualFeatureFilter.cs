using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// The "FailSmart" feature filter for IsEnabledAsync(feature, targetingContext) and
/// GetVariantAsync(feature, targetingContext): FailSmart evaluates for the context given, never the
/// request's user.
/// </summary>
[FilterAlias(FailSmartFeatureFilter.Alias)]
internal sealed class FailSmartContextualFeatureFilter(IFailSmartClient client) : IContextualFeatureFilter<ITargetingContext>
{
    public Task<bool> EvaluateAsync(FeatureFilterEvaluationContext featureFilterContext, ITargetingContext appContext)
    {
        ArgumentNullException.ThrowIfNull(featureFilterContext);
        return Task.FromResult(FailSmartFeatureCheck.Evaluate(client, featureFilterContext.FeatureName, featureFilterContext.Settings, appContext));
    }
}
