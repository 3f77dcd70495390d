using FailSmart.Core.Model;
using static FailSmart.Core.Tests.Support.Configs;

namespace FailSmart.Core.Tests.Support;

/// <summary>A factorial launch over boolean flags, each assigning through it in <see cref="Configs.Env"/>.</summary>
internal static class Launches
{
    public static Experiment Launch(string key, IReadOnlyList<FactorialFeature> features, double coverage = 1, LayerAllocation? layer = null) =>
        new(key, FactorialCells.Variations(features.Count))
        {
            Factorial = new FactorialDesign(features),
            Coverage = coverage,
            Layer = layer,
        };

    public static Configuration Configuration(string key, params string[] seeds)
    {
        FactorialFeature[] features = [.. seeds.Select((seed, i) => new FactorialFeature("f" + i, seed))];
        return new Configuration
        {
            Flags = [.. features.Select(f => BooleanFlag(f.Flag, true, RunExperiment("launch", key)))],
            Experiments = [Launch(key, features)],
        };
    }
}
