using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace FailSmart.Client.Tests;

/// <summary>Evaluations reach OpenTelemetry with the feature_flag.* attribute names.</summary>
public sealed class FailSmartTelemetryTests
{
    [Fact]
    public void Evaluation_inside_a_recorded_activity_adds_a_feature_flag_event()
    {
        using ActivityListener listener = Trace("FailSmart.Client.Tests", ActivitySamplingResult.AllDataAndRecorded);
        using var source = new ActivitySource("FailSmart.Client.Tests");
        using IFailSmartClient client = Example.Local();

        using (Activity request = source.StartActivity("request")!)
        {
            client.GetBool("new-checkout", false, Core.Values.Attributes.Of(("id", "s1"), ("email", "ann@failsmart.dev")));

            ActivityEvent evaluation = request.Events.Single();
            evaluation.Name.ShouldBe("feature_flag.evaluation");
            var tags = evaluation.Tags.ToDictionary(t => t.Key, t => t.Value);
            tags["feature_flag.key"].ShouldBe("new-checkout");
            tags["feature_flag.provider_name"].ShouldBe("FailSmart");
            tags["feature_flag.variant"].ShouldBe("on");
            tags["feature_flag.result.reason"].ShouldBe("targeting_match");
        }
    }

    [Fact]
    public void Evaluation_inside_an_unsampled_activity_adds_no_event()
    {
        using ActivityListener listener = Trace("FailSmart.Client.Tests.Unsampled", ActivitySamplingResult.AllData);
        using var source = new ActivitySource("FailSmart.Client.Tests.Unsampled");
        using IFailSmartClient client = Example.Local();

        using Activity request = source.StartActivity("request")!;
        client.GetBool("new-checkout", false, Core.Values.Attributes.Of(("id", "s1"), ("email", "ann@failsmart.dev")));

        request.Recorded.ShouldBeFalse();
        request.Events.ShouldBeEmpty();
    }

    [Fact]
    public void Evaluation_is_counted_with_its_flag_and_variant_when_a_meter_listens()
    {
        var measurements = new List<(long Value, Dictionary<string, object?> Tags)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == "FailSmart.Client" && instrument.Name == "feature_flag.evaluations")
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            lock (measurements)
            {
                measurements.Add((value, tags.ToArray().ToDictionary(t => t.Key, t => t.Value)));
            }
        });
        listener.Start();
        using IFailSmartClient client = Example.Local();

        client.GetBool("no-such-flag-" + Guid.NewGuid().ToString("N"), false);
        client.GetString("checkout-button", "x", Example.User(2));

        lock (measurements)
        {
            measurements.ShouldContain(m => m.Tags["feature_flag.key"]!.Equals("checkout-button") && m.Tags["feature_flag.provider_name"]!.Equals("FailSmart") && m.Value == 1);
            measurements.ShouldContain(m => ((string)m.Tags["feature_flag.key"]!).StartsWith("no-such-flag-", StringComparison.Ordinal) && m.Tags["error.type"]!.Equals("flag_not_found"));
        }
    }

    // As a tracing setup does: listens to the application's own source and to FailSmart's.
    private static ActivityListener Trace(string applicationSource, ActivitySamplingResult sampling)
    {
        var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == applicationSource || source.Name == "FailSmart.Client",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => sampling,
        };
        ActivitySource.AddActivityListener(listener);
        return listener;
    }
}
