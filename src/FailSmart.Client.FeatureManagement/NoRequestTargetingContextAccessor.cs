using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement;

/// <summary>
/// The feature manager's view of the application's accessor, for variant assignment. Every FailSmart
/// feature has a variant, so the feature manager asks for the ambient context on every check without
/// one; outside a request an accessor may throw (Microsoft.FeatureManagement.AspNetCore's does without
/// an HttpContext). Then the check answers for no user, as the FailSmart filter evaluates it, instead of
/// failing.
/// </summary>
internal sealed class NoRequestTargetingContextAccessor(ITargetingContextAccessor inner) : ITargetingContextAccessor
{
    public async ValueTask<TargetingContext> GetContextAsync()
    {
        try
        {
            return await inner.GetContextAsync().ConfigureAwait(false);
        }
#pragma warning disable CA1031 // no ambient context is a normal case outside a request
        catch (Exception)
#pragma warning restore CA1031
        {
            return new TargetingContext();
        }
    }
}
