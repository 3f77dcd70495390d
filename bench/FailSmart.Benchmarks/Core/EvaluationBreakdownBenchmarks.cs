using BenchmarkDotNet.Attributes;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Benchmarks.Core;

/// <summary>Where the time of case (a) goes: each step of the evaluation measured on its own.</summary>
[MemoryDiagnoser]
public class EvaluationBreakdownBenchmarks
{
    private const int Units = 1024;
    private Attributes[] _attributes = [];
    private string[] _ids = [];
    private Evaluator _evaluator = null!;

    [GlobalSetup]
    public void Setup()
    {
        _ids = BenchmarkIds.Generate(Units);
        _attributes = EvaluationSetup.AttributesFor(_ids);
        var condition = Condition.Parse("""{"country": {"$in": ["US", "CA", "GB"]}}""");
        FlagVariation[] variations = [new FlagVariation("off", false), new FlagVariation("on", true)];
        Flag Make(string key, bool on, params Rule[] rules) => new(key, FlagValueType.Boolean, variations, new Dictionary<string, FlagEnvironment> { ["production"] = new(on, rules, "off", "off") });
        _evaluator = new Evaluator(new Configuration
        {
            Flags =
            [
                Make("disabled", false),
                Make("no-rules", true),
                Make("condition-force", true, new Rule("r", condition, new ForceAction("on"))),
                Make("rollout-only", true, new Rule("r", Condition.Always, new RolloutAction("on", new RolloutStage(0.5)))),
                Make("condition-rollout", true, new Rule("r", condition, new RolloutAction("on", new RolloutStage(0.5)))),
            ],
        }, "production");
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Units)]
    public int BareHash()
    {
        int sum = 0;
        foreach (string id in _ids)
        {
            sum += BucketHash.BucketV2(EvaluationSetup.RolloutFlag, id);
        }

        return sum;
    }

    [Benchmark(OperationsPerInvoke = Units)]
    public int Disabled() => Run("disabled");

    [Benchmark(OperationsPerInvoke = Units)]
    public int NoRules() => Run("no-rules");

    [Benchmark(OperationsPerInvoke = Units)]
    public int ConditionForce() => Run("condition-force");

    [Benchmark(OperationsPerInvoke = Units)]
    public int RolloutOnly() => Run("rollout-only");

    [Benchmark(OperationsPerInvoke = Units)]
    public int ConditionRollout() => Run("condition-rollout");

    private int Run(string key)
    {
        int sum = 0;
        foreach (Attributes attributes in _attributes)
        {
            sum += _evaluator.Evaluate(key, attributes).VariationIndex;
        }

        return sum;
    }
}
