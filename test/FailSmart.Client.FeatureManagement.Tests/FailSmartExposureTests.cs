using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>
/// Exposures are the input of every analysis, so a call records exactly the exposure of the unit it
/// answered for: the context's user when it is given one, else the request's user, once.
/// </summary>
public sealed class FailSmartExposureTests
{
    private const string RequestUser = "user-a";
    private const string OtherUser = "user-b";

    [Theory]
    [InlineData("copy", "copy-test", false)] // a string flag, IsEnabledAsync
    [InlineData("copy", "copy-test", true)] // GetVariantAsync
    [InlineData("trial", "trial-test", false)] // a boolean flag, IsEnabledAsync
    [InlineData("trial", "trial-test", true)] // GetVariantAsync
    public async Task A_call_with_a_context_inside_a_request_records_only_that_users_exposure(string feature, string experiment, bool getVariant)
    {
        var events = new RecordingEventHandler();
        await using IFailSmartClient client = RecordingClient(events);
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor(RequestUser));
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();
        var context = new TargetingContext { UserId = OtherUser };

        _ = !getVariant
            ? await features.IsEnabledAsync(feature, context, TestContext.Current.CancellationToken)
            : await features.GetVariantAsync(feature, context, TestContext.Current.CancellationToken) is not null;

        (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        events.Exposures.ShouldBe([(OtherUser, experiment)]);
        client.Delivery.ExposuresDeduplicated.ShouldBe(0);
    }

    [Theory]
    [InlineData("copy", "copy-test", false)] // IsEnabledAsync
    [InlineData("copy", "copy-test", true)] // GetVariantAsync
    [InlineData("trial", "trial-test", false)] // IsEnabledAsync
    [InlineData("trial", "trial-test", true)] // GetVariantAsync
    public async Task A_call_without_a_context_records_the_request_users_exposure_once(string feature, string experiment, bool getVariant)
    {
        var events = new RecordingEventHandler();
        await using IFailSmartClient client = RecordingClient(events);
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor(RequestUser));
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        _ = !getVariant
            ? await features.IsEnabledAsync(feature, TestContext.Current.CancellationToken)
            : await features.GetVariantAsync(feature, TestContext.Current.CancellationToken) is not null;

        (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        events.Exposures.ShouldBe([(RequestUser, experiment)]);
        client.Delivery.ExposuresDeduplicated.ShouldBe(0); // evaluated once, not once more and deduplicated
    }

    [Fact]
    public async Task Listing_the_features_records_no_exposure()
    {
        var events = new RecordingEventHandler();
        await using IFailSmartClient client = RecordingClient(events);
        await using ServiceProvider services = BridgeServices.Build(client, new FixedTargetingContextAccessor(RequestUser));
        IVariantFeatureManager features = services.GetRequiredService<IVariantFeatureManager>();

        var names = new List<string>();
        await foreach (string name in features.GetFeatureNamesAsync(TestContext.Current.CancellationToken))
        {
            names.Add(name);
        }

        (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
        names.ShouldContain("copy");
        events.Exposures.ShouldBeEmpty();
        client.Delivery.Queued.ShouldBe(0);
    }

    private static IFailSmartClient RecordingClient(RecordingEventHandler events) => new FailSmartClientBuilder()
        .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
        .WithHttpMessageHandler(events)
        .WithLocalRuleSet(BridgeRules.Configuration, "production")
        .Configure(o =>
        {
            o.FlushInterval = TimeSpan.FromHours(1);
            o.EvaluationInsights = false;
        })
        .Build();
}
