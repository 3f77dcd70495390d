using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Benchmarks.Core;

/// <summary>
/// The two cases measured, in one configuration: (a) a boolean flag with one condition and a 50%
/// rollout; (b) a three-variation experiment in a layer, with a 1% holdout of that layer. Pass
/// <see cref="HoldoutScope.Everything"/> to put flag (a) under the holdout as well.
/// </summary>
internal static class EvaluationSetup
{
    public const string RolloutFlag = "new-checkout";
    public const string ExperimentFlag = "button-copy";

    public static Configuration Build(HoldoutScope? holdoutScope = null) => new()
    {
        Flags =
        [
            new Flag(
                RolloutFlag,
                FlagValueType.Boolean,
                [new FlagVariation("off", false), new FlagVariation("on", true)],
                new Dictionary<string, FlagEnvironment>
                {
                    ["production"] = new(true, [new Rule("half", Condition.Parse("""{"country": {"$in": ["US", "CA", "GB"]}}"""), new RolloutAction("on", new RolloutStage(0.5)))], "off", "off"),
                }),
            new Flag(
                ExperimentFlag,
                FlagValueType.String,
                [new FlagVariation("control", "Buy"), new FlagVariation("green", "Buy now"), new FlagVariation("bold", "Complete purchase")],
                new Dictionary<string, FlagEnvironment>
                {
                    ["production"] = new(true, [new Rule("test", Condition.Always, new ExperimentAction("button-test"))], "control", "control"),
                }),
        ],
        Experiments =
        [
            new Experiment("button-test", [new ExperimentVariation("control", 0.34), new ExperimentVariation("green", 0.33), new ExperimentVariation("bold", 0.33)])
            {
                Layer = new LayerAllocation("checkout", new BucketSpan(0, 6000)),
            },
        ],
        Layers = [new Layer("checkout", "checkout-2026")],
        Holdouts = [new Holdout("long-term", "holdout-2026", new BucketSpan(0, 100), holdoutScope ?? new HoldoutScope { Layers = ["checkout"] })],
    };

    public static Attributes[] AttributesFor(string[] ids) =>
        [.. ids.Select(id => Attributes.Of(("id", id), ("country", "US")))];
}
