using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>
/// Outside a request (a background service) an application's accessor may throw, as
/// Microsoft.FeatureManagement.AspNetCore's does without an HttpContext: a check without a context
/// then answers for no user instead of throwing.
/// </summary>
public sealed class OutsideRequestTests
{
    [Fact]
    public async Task A_check_without_a_context_when_the_accessor_throws_answers_for_no_user()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new NoRequestAccessor());
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();
        CancellationToken cancel = TestContext.Current.CancellationToken;

        (await features.IsEnabledAsync("banner", cancel)).ShouldBeTrue();
        (await features.IsEnabledAsync("checkout-v2", cancel)).ShouldBeFalse();
        Variant? banner = await features.GetVariantAsync("banner", cancel);
        banner.ShouldNotBeNull().Name.ShouldBe("plain");
        (await features.GetVariantAsync("banner", new TargetingContext { Groups = ["staff"] }, cancel))!.Name.ShouldBe("sale"); // a context still decides
    }

    private sealed class NoRequestAccessor : ITargetingContextAccessor
    {
        public ValueTask<TargetingContext> GetContextAsync() => throw new InvalidOperationException("No HttpContext outside a request.");
    }
}
