using FailSmart.Core.Values;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>GetVariantAsync(feature, context) answers for the context it is given, whoever the request's user is.</summary>
public sealed class FailSmartVariantTests
{
    [Fact]
    public async Task GetVariantAsync_with_a_context_answers_for_that_context_not_the_request_user()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor("u-1", "staff"));
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        Variant other = await features.GetVariantAsync("banner", new TargetingContext { UserId = "u-2", Groups = [] }, TestContext.Current.CancellationToken);
        Variant vip = await features.GetVariantAsync("banner", new TargetingContext { UserId = "vip-1" }, TestContext.Current.CancellationToken);
        Variant ambient = await features.GetVariantAsync("banner", TestContext.Current.CancellationToken);

        other.Name.ShouldBe("plain"); // the request's user is staff; u-2 is not
        other.Configuration.Value.ShouldBe("Welcome");
        vip.Name.ShouldBe("sale"); // UserId reaches the rules as "id"
        ambient.Name.ShouldBe("sale");
    }

    [Fact]
    public async Task GetVariantAsync_with_a_context_and_no_request_user_answers_for_that_context()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client);
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        Variant staff = await features.GetVariantAsync("banner", new TargetingContext { UserId = "u-3", Groups = ["staff"] }, TestContext.Current.CancellationToken);

        staff.Name.ShouldBe("sale"); // Groups reach the rules as "groups"
        staff.Configuration.Value.ShouldBe("50% off");
    }

    [Fact]
    public async Task GetVariantAsync_with_a_context_assigns_each_user_as_FailSmart_does()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor("u-1"));
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < 100; i++)
        {
            string user = "user-" + i;
            string expected = BridgeRules.Core.Evaluate("copy", Attributes.Of(("id", user))).VariationKey!;

            Variant variant = await features.GetVariantAsync("copy", new TargetingContext { UserId = user }, TestContext.Current.CancellationToken);

            variant.Name.ShouldBe(expected, user);
            seen.Add(variant.Name);
        }

        seen.ShouldBe(["control", "green"], ignoreOrder: true); // the experiment really splits the users
    }

    [Fact]
    public async Task GetVariantAsync_gives_an_object_variation_as_configuration_sections()
    {
        using IFailSmartClient client = BridgeServices.LocalClient();
        await using ServiceProvider services = BridgeServices.Build(client);
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        Variant dark = await features.GetVariantAsync("theme", new TargetingContext { UserId = "u-4", Groups = ["beta"] }, TestContext.Current.CancellationToken);

        dark.Name.ShouldBe("dark");
        dark.Configuration["colour"].ShouldBe("black");
        dark.Configuration["size"].ShouldBe("14");
        dark.Configuration["fonts:0"].ShouldBe("Inter");
        dark.Configuration["fonts:1"].ShouldBe("Mono");
    }
}
