using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// The "FailSmart" feature filter for IsEnabledAsync(feature, targetingContext): a feature is on when
/// FailSmart serves it on for that context.
/// Boolean flags are on when true; other flags are on unless the off variation is served.
/// </summary>
[FilterAlias(FailSmartFeatureFilter.Alias)]
internal sealed class FailSmartContextualFeatureFilter(IFailSmartClient client) : IContextualFeatureFilter<ITargetingContext>
{
    public Task<bool> EvaluateAsync(FeatureFilterEvaluationContext featureFilterContext, ITargetingContext appContext)
    {
        ArgumentNullException.ThrowIfNull(featureFilterContext);
        return Task.FromResult(IsOn(client, featureFilterContext.FeatureName, new TargetingAttributes(appContext)));
    }

    internal static bool IsOn(IFailSmartClient client, string feature, IAttributeSource attributes)
    {
        FlagEvaluation<DataValue> detail = client.GetJsonDetail(feature, DataValue.False, attributes);
        if (detail.IsDefault)
        {
            return false;
        }

        return detail.Value.Kind == DataValueKind.Boolean ? detail.Value.AsBoolean() : detail.Reason != EvaluationReason.Disabled;
    }
}
