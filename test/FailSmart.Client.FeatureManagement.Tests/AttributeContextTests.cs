using FailSmart.Core.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>A targeting context that is also an attribute source gives FailSmart's rules every attribute it has.</summary>
public sealed class AttributeContextTests
{
    [Fact]
    public async Task A_context_that_is_an_attribute_source_reaches_rules_on_its_other_attributes()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client);
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();
        CancellationToken cancel = TestContext.Current.CancellationToken;

        (await features.IsEnabledAsync("staff-tools", new AppUser("ann@failsmart.dev") { UserId = "u-5" }, cancel)).ShouldBeTrue();
        (await features.IsEnabledAsync("staff-tools", new AppUser("bo@example.com") { UserId = "u-6" }, cancel)).ShouldBeFalse();
        (await features.IsEnabledAsync("staff-tools", new TargetingContext { UserId = "u-5" }, cancel)).ShouldBeFalse(); // no e-mail in a plain context
        (await features.GetVariantAsync("banner", new AppUser("bo@example.com") { UserId = "vip-1" }, cancel))!.Name.ShouldBe("sale"); // UserId still answers for "id"
        (await features.GetVariantAsync("banner", new AppUser("bo@example.com") { Groups = ["staff"] }, cancel))!.Name.ShouldBe("sale"); // and Groups for "groups"
    }

    [Fact]
    public async Task An_ambient_context_that_is_an_attribute_source_reaches_rules_on_its_other_attributes()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new AppUserAccessor());
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        (await features.IsEnabledAsync("staff-tools", TestContext.Current.CancellationToken)).ShouldBeTrue();
    }

    /// <summary>An application's user as a targeting context with more attributes than an id and groups.</summary>
    private sealed class AppUser(string email) : TargetingContext, IAttributeSource
    {
        public bool TryGetAttribute(string name, out DataValue value)
        {
            value = name == "email" ? email : DataValue.Null;
            return name == "email";
        }
    }

    private sealed class AppUserAccessor : ITargetingContextAccessor
    {
        public ValueTask<TargetingContext> GetContextAsync() => ValueTask.FromResult<TargetingContext>(new AppUser("ann@failsmart.dev") { UserId = "u-7" });
    }
}
