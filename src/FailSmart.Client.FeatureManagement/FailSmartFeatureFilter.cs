using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// The "FailSmart" feature filter: a feature is on when FailSmart serves it on for the targeting
/// context (the one passed to IsEnabledAsync, or the ambient one from ITargetingContextAccessor).
/// Boolean flags are on when true; other flags are on unless the off variation is served.
/// </summary>
[FilterAlias(Alias)]
internal sealed class FailSmartFeatureFilter(IFailSmartClient client, ITargetingContextAccessor? accessor = null) : IFeatureFilter, IContextualFeatureFilter<ITargetingContext>
{
    public const string Alias = "FailSmart";

    public async Task<bool> EvaluateAsync(FeatureFilterEvaluationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ITargetingContext? targeting = null;
        if (accessor is not null)
        {
            try
            {
                targeting = await accessor.GetContextAsync();
            }
#pragma warning disable CA1031 // an application's accessor failing means "no context", never an exception from a flag check
            catch (Exception)
#pragma warning restore CA1031
            {
                targeting = null;
            }
        }

        return IsOn(client, context.FeatureName, new TargetingAttributes(targeting));
    }

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
