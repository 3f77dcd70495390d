using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>The ambient user of a request, as an application's accessor would read it.</summary>
internal sealed class FixedTargetingContextAccessor(string userId, params string[] groups) : ITargetingContextAccessor
{
    public ValueTask<TargetingContext> GetContextAsync() => ValueTask.FromResult(new TargetingContext { UserId = userId, Groups = groups });
}
