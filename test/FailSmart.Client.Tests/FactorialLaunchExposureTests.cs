using System.Net;
using System.Text;
using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Client.Tests;

/// <summary>A factorial launch's exposures leave the client once per unit, whichever of its flags are evaluated, with the cell as the variation.</summary>
public sealed class FactorialLaunchExposureTests
{
    private static readonly FactorialFeature[] s_features = [new("search", "s"), new("badges", "b")];

    private static Configuration Launch() => new()
    {
        Flags = [.. s_features.Select(f => new Flag(f.Flag, FlagValueType.Boolean, [new FlagVariation("off", false), new FlagVariation("on", true)], new Dictionary<string, FlagEnvironment>
        {
            ["production"] = new(true, [new Rule("spring", Condition.Always, new ExperimentAction("spring"))], "off", "off"),
        }))],
        Experiments = [new Experiment("spring", FactorialCells.Variations(2)) { Factorial = new FactorialDesign(s_features), Phase = 2 }],
    };

    [Fact]
    public async Task Evaluating_both_flags_logs_one_exposure_per_unit_naming_its_cell()
    {
        var handler = new ScriptedHandler(() => new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("{\"accepted\":0,\"duplicates\":0,\"rejected\":[]}", Encoding.UTF8, "application/json") });
        await using IFailSmartClient client = new FailSmartClientBuilder()
            .WithServer(new Uri("http://failsmart.test/"), "fs_server_x")
            .WithHttpMessageHandler(handler)
            .WithLocalRuleSet(Launch(), "production")
            .Configure(o =>
            {
                o.FlushInterval = TimeSpan.FromHours(1);
                o.ExposureCacheSize = 1 << 20; // few enough units that no two share a slot: every repeat is caught
            })
            .Build();
        string[] units = [.. Enumerable.Range(0, 200).Select(i => "u-" + i)];
        static string CellOf(string unit) => string.Concat(s_features.Select(f => BucketHash.BucketV2(f.Seed, unit) < 5000 ? '1' : '0'));

        foreach (string unit in units)
        {
            var context = Attributes.Of(("id", unit));
            client.GetBool("search", false, context).ShouldBe(CellOf(unit)[0] == '1');
            client.GetBool("badges", false, context).ShouldBe(CellOf(unit)[1] == '1');
        }

        (await client.FlushAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();

        JsonElement[] sent = [.. handler.Batches.SelectMany(b => JsonDocument.Parse(b).RootElement.EnumerateArray().Select(e => e.Clone()))];
        sent.Length.ShouldBe(units.Length);
        client.Delivery.ExposuresDeduplicated.ShouldBe(units.Length);
        foreach (JsonElement exposure in sent)
        {
            exposure.GetProperty("experiment").GetString().ShouldBe("spring");
            exposure.GetProperty("phase").GetInt32().ShouldBe(2);
            exposure.GetProperty("variation").GetString().ShouldBe(CellOf(exposure.GetProperty("unitId").GetString()!));
        }

        sent.Select(e => e.GetProperty("variation").GetString()).Distinct().Order(StringComparer.Ordinal).ShouldBe(["00", "01", "10", "11"]);
    }
}
