using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;

namespace FailSmart.Core.Tests.Support;

/// <summary>Small builders for test configurations.</summary>
internal static class Configs
{
    public const string Env = "production";

    public static Flag BooleanFlag(string key, bool enabled = true, params Rule[] rules) => new(
        key,
        FlagValueType.Boolean,
        [new FlagVariation("off", false), new FlagVariation("on", true)],
        new Dictionary<string, FlagEnvironment> { [Env] = new(enabled, rules, "off", "off") });

    public static Flag StringFlag(string key, string[] variations, string defaultVariation, params Rule[] rules) => new(
        key,
        FlagValueType.String,
        [.. variations.Select(v => new FlagVariation(v, v))],
        new Dictionary<string, FlagEnvironment> { [Env] = new(true, rules, defaultVariation, defaultVariation) });

    public static Rule Force(string id, string condition, string variation) =>
        new(id, Condition.Parse(condition), new ForceAction(variation));

    public static Rule Rollout(string id, double fraction, string variation = "on", string condition = "{}") =>
        new(id, Condition.Parse(condition), new RolloutAction(variation, new RolloutStage(fraction)));

    public static Rule GuardedRollout(string id, double stage, RolloutPlan plan, string variation = "on", string condition = "{}") =>
        new(id, Condition.Parse(condition), new RolloutAction(variation, new RolloutStage(stage)) { Plan = plan });

    public static Rule RunExperiment(string id, string experimentKey, string condition = "{}") =>
        new(id, Condition.Parse(condition), new ExperimentAction(experimentKey));

    public static Experiment Experiment(string key, string[] variations, double coverage = 1, LayerAllocation? layer = null) => new(
        key,
        [.. variations.Select(v => new ExperimentVariation(v, 1.0 / variations.Length))])
    {
        Coverage = coverage,
        Layer = layer,
    };

    public static LayerAllocation InLayer(string layer, int start, int end) => new(layer, new BucketSpan(start, end));
}
