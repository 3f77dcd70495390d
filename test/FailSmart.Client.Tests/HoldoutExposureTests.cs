using System.Net;
using System.Text;
using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Client.Tests;

/// <summary>A flag in a holdout's scope owes one exposure per unit and holdout: "holdout:&lt;key&gt;", phase 1, the unit's side as the variation.</summary>
public sealed class HoldoutExposureTests
{
    private static Configuration WithHoldout() => new()
    {
        Flags =
        [
            new Flag("checkout", FlagValueType.Boolean, [new FlagVariation("off", false), new FlagVariation("on", true)], new Dictionary<string, FlagEnvironment>
            {
                ["production"] = new(true, [new Rule("all", Condition.Always, new RolloutAction("on", new RolloutStage(1.0)))], "off", "off"),
            }),
            new Flag("outside", FlagValueType.Boolean, [new FlagVariation("off", false), new FlagVariation("on", true)], new Dictionary<string, FlagEnvironment>
            {
                ["production"] = new(true, [new Rule("all", Condition.Always, new RolloutAction("on", new RolloutStage(1.0)))], "off", "off"),
            }),
        ],
        Holdouts = [new Holdout("long-term", "long-term-salt", new BucketSpan(0, 2_500), new HoldoutScope { Flags = ["checkout"] })],
    };

    [Fact]
    public async Task GetBool_logs_each_units_holdout_side_once()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"accepted\":0,\"duplicates\":0,\"rejected\":[]}", Encoding.UTF8, "application/json") });
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .WithLocalRuleSet(WithHoldout(), "production")
            .Configure(o =>
            {
                o.FlushInterval = TimeSpan.FromHours(1);
                o.ExposureCacheSize = 1 << 20;
            })
            .Build();
        string[] units = [.. Enumerable.Range(0, 300).Select(i => "u-" + i)];

        for (int round = 0; round < 3; round++)
        {
            foreach (string unit in units)
            {
                bool heldOut = BucketHash.BucketV2("long-term-salt", unit) < 2_500;
                client.GetBool("checkout", false, Attributes.Of(("id", unit))).ShouldBe(!heldOut);
                client.GetBoolDetail("outside", false, Attributes.Of(("id", unit))).Value.ShouldBeTrue();
            }
        }

        (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

        JsonElement[] sent = [.. handler.Batches.SelectMany(b => JsonDocument.Parse(b).RootElement.EnumerateArray().Select(e => e.Clone()))];
        sent.Length.ShouldBe(units.Length);
        client.Delivery.ExposuresDeduplicated.ShouldBe(2 * units.Length);
        foreach (JsonElement exposure in sent)
        {
            string unit = exposure.GetProperty("unitId").GetString()!;
            exposure.GetProperty("type").GetString().ShouldBe("exposure");
            exposure.GetProperty("experiment").GetString().ShouldBe("holdout:long-term");
            exposure.GetProperty("phase").GetInt32().ShouldBe(1);
            exposure.GetProperty("variation").GetString().ShouldBe(BucketHash.BucketV2("long-term-salt", unit) < 2_500 ? "held-out" : "exposed");
        }

        sent.Select(e => e.GetProperty("variation").GetString()).Distinct().Order(StringComparer.Ordinal).ShouldBe(["exposed", "held-out"]);
    }
}
