using System.Net;
using System.Text;
using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Client.Tests;

/// <summary>A guarded rollout's exposures leave the client as an experiment's do: once per unit, key and phase, with the arm as the variation.</summary>
public sealed class GuardedRolloutExposureTests
{
    private static Configuration WithGuardedRollout(int phase) => new()
    {
        Flags =
        [
            new Flag("checkout", FlagValueType.Boolean, [new FlagVariation("off", false), new FlagVariation("on", true)], new Dictionary<string, FlagEnvironment>
            {
                ["production"] = new(true, [new Rule("ramp", Condition.Always, new RolloutAction("on", new RolloutStage(0.25)) { Plan = new RolloutPlan(RolloutPlan.DefaultStages) { Holdback = 0.2, Phase = phase } })], "off", "off"),
            }),
        ],
    };

    [Fact]
    public async Task GetBool_logs_each_units_arm_once_per_phase()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"accepted\":0,\"duplicates\":0,\"rejected\":[]}", Encoding.UTF8, "application/json") });
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .WithLocalRuleSet(WithGuardedRollout(phase: 3), "production")
            .Configure(o =>
            {
                o.FlushInterval = TimeSpan.FromHours(1);
                o.ExposureCacheSize = 1 << 20; // few enough units that no two share a slot: every repeat is caught
            })
            .Build();
        string[] units = [.. Enumerable.Range(0, 300).Select(i => "u-" + i)];
        RolloutArmBuckets arms = RolloutArmBuckets.For(0.2, 0.25, BucketHash.BucketCount);

        for (int round = 0; round < 3; round++)
        {
            foreach (string unit in units)
            {
                bool on = client.GetBool("checkout", false, Attributes.Of(("id", unit)));
                on.ShouldBe(arms.ArmOf(BucketHash.BucketV2("checkout", unit)) == RolloutArm.In);
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
            exposure.GetProperty("experiment").GetString().ShouldBe("rollout:checkout:ramp");
            exposure.GetProperty("phase").GetInt32().ShouldBe(3);
            exposure.GetProperty("variation").GetString().ShouldBe(RolloutArmKeys.Of(arms.ArmOf(BucketHash.BucketV2("checkout", unit))));
        }

        sent.Select(e => e.GetProperty("variation").GetString()).Distinct().Order(StringComparer.Ordinal).ShouldBe(["holdback", "in", "not-yet"]);
    }
}
