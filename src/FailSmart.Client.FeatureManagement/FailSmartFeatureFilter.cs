using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// The "FailSmart" feature filter for IsEnabledAsync(feature), GetVariantAsync(feature) and
/// [FeatureGate]: the context is the ambient one from the registered ITargetingContextAccessor (none,
/// or one that fails: FailSmart evaluates without attributes). Explicit contexts go to
/// <see cref="FailSmartContextualFeatureFilter"/>.
/// </summary>
[FilterAlias(Alias)]
internal sealed class FailSmartFeatureFilter(IFailSmartClient client, ITargetingContextAccessor? accessor = null) : IFeatureFilter
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
#pragma warning disable CA1031 // an application's accessor failing (outside a request) means "no context", never an exception from a flag check
            catch (Exception)
#pragma warning restore CA1031
            {
                targeting = null;
            }
        }

        return FailSmartFeatureCheck.Evaluate(client, context.FeatureName, context.Settings, targeting);
    }
}
