using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>
/// When a feature counts as enabled: a boolean flag when it serves true; any other flag when FailSmart
/// served it without error and the flag is on for the unit (not turned off, no prerequisite failed).
/// The variant is the variation served either way.
/// </summary>
public sealed class FailSmartEnabledTests
{
    [Theory]
    [InlineData("banner", "none", true, "plain")] // no rule applied: the default variation of a flag that is on
    [InlineData("banner", "staff", true, "sale")] // a rule forced a variation
    [InlineData("theme", "beta", true, "dark")] // the prerequisite passed
    [InlineData("theme", "none", false, "classic")] // the prerequisite failed: the off variation
    [InlineData("paused", "none", false, "old")] // the flag is off in this environment: the off variation
    [InlineData("held", "none", true, "high")] // held out: the default variation of a flag that is on
    [InlineData("staging-only", "none", false, null)] // evaluation failed (no production configuration)
    [InlineData("checkout-v2", "beta", true, "on")] // a boolean flag serving true
    [InlineData("checkout-v2", "none", false, "off")] // a boolean flag serving false
    public async Task A_flag_is_enabled_and_has_its_variant_as_FailSmart_serves_it(string feature, string group, bool enabled, string? variant)
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor("u-9", group));
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();
        var context = new TargetingContext { UserId = "u-9", Groups = [group] };
        CancellationToken cancel = TestContext.Current.CancellationToken;

        (await features.IsEnabledAsync(feature, context, cancel)).ShouldBe(enabled, "with a context");
        (await features.IsEnabledAsync(feature, cancel)).ShouldBe(enabled, "with the request's user");
        string? forContext = (await features.GetVariantAsync(feature, context, cancel))?.Name;
        string? forRequest = (await features.GetVariantAsync(feature, cancel))?.Name;
        forContext.ShouldBe(variant, "with a context");
        forRequest.ShouldBe(variant, "with the request's user");
    }

    [Fact]
    public async Task A_feature_FailSmart_does_not_define_is_disabled_without_a_variant()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor("u-9"));
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        (await features.IsEnabledAsync("no-such-feature", TestContext.Current.CancellationToken)).ShouldBeFalse();
        (await features.GetVariantAsync("no-such-feature", new TargetingContext { UserId = "u-9" }, TestContext.Current.CancellationToken)).ShouldBeNull();
    }
}
