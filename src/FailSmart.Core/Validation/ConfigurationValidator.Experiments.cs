using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Core.Validation;

public static partial class ConfigurationValidator
{
    /// <summary>Tolerance for weights summing to 1 (they come from editors as rounded percentages).</summary>
    private const double WeightSumTolerance = 1e-6;

    private static Dictionary<string, Experiment> ValidateExperiments(Configuration configuration, List<ValidationProblem> problems)
    {
        var byKey = new Dictionary<string, Experiment>(StringComparer.Ordinal);
        var layers = configuration.Layers.Where(l => l.Key is not null).GroupBy(l => l.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        var placed = new List<(int Index, Experiment Experiment)>();
        for (int i = 0; i < configuration.Experiments.Count; i++)
        {
            Experiment experiment = configuration.Experiments[i];
            string path = Index("$.experiments", i);
            if (!CheckKey(experiment.Key, path, "experiment", byKey.ContainsKey(experiment.Key ?? string.Empty), problems))
            {
                continue;
            }

            byKey[experiment.Key] = experiment;
            if (experiment.Variations.Count < 2)
            {
                problems.Add(new(Property(path, "variations"), "An experiment needs at least two variations.", "Add a control and at least one treatment."));
            }

            if (experiment.Factorial is { } design)
            {
                ValidateFactorialDesign(experiment, design, path, problems);
            }

            var keys = new HashSet<string>(StringComparer.Ordinal);
            double sum = 0;
            for (int v = 0; v < experiment.Variations.Count; v++)
            {
                ExperimentVariation variation = experiment.Variations[v];
                string at = Index(Property(path, "variations"), v);
                if (string.IsNullOrEmpty(variation.Key) || !keys.Add(variation.Key))
                {
                    problems.Add(new(Property(at, "key"), $"Variation key '{variation.Key}' is empty or repeated.", "Give every variation a unique key."));
                }

                if (!(variation.Weight >= 0))
                {
                    problems.Add(new(Property(at, "weight"), $"Weight {variation.Weight} is negative.", "Use weights between 0 and 1."));
                }

                sum += variation.Weight;
            }

            if (experiment.Variations.Count > 0 && Math.Abs(sum - 1) > WeightSumTolerance)
            {
                problems.Add(new(Property(path, "variations"), FormattableString.Invariant($"Weights sum to {Math.Round(sum, 6)}, not 1."), "Make the weights add up to 1, e.g. 0.5 and 0.5."));
            }

            if (!(experiment.Coverage is >= 0 and <= 1))
            {
                problems.Add(new(Property(path, "coverage"), FormattableString.Invariant($"Coverage {experiment.Coverage} is outside [0, 1]."), "Use a coverage between 0 and 1, e.g. 0.2 for 20% of eligible units."));
            }

            if (string.IsNullOrEmpty(experiment.HashAttribute))
            {
                problems.Add(new(Property(path, "hashAttribute"), "An experiment needs a hash attribute.", "Use \"id\" or the attribute that identifies a unit."));
            }

            if (experiment.HashVersion is not (HashVersion.V1 or HashVersion.V2))
            {
                problems.Add(new(Property(path, "hashVersion"), $"Unknown hash version {(int)experiment.HashVersion}.", "Use 2 (or 1 for experiments started with it)."));
            }

            if (experiment.Layer is { } allocation)
            {
                string at = Property(path, "layer");
                if (!layers.TryGetValue(allocation.LayerKey, out Layer? layer))
                {
                    problems.Add(new(Property(at, "key"), $"Unknown layer '{allocation.LayerKey}'.", "Define the layer under \"layers\", or fix the key."));
                }
                else if (!string.Equals(layer.HashAttribute, experiment.HashAttribute, StringComparison.Ordinal))
                {
                    problems.Add(new(Property(path, "hashAttribute"), $"Layer '{layer.Key}' hashes '{layer.HashAttribute}' but the experiment hashes '{experiment.HashAttribute}'.", "Use the layer's hash attribute, or exclusion would not hold per unit."));
                }

                if (!allocation.Buckets.IsValid)
                {
                    problems.Add(new(Property(at, "buckets"), $"Bucket span {allocation.Buckets} is not inside [0, 10000).", "Use start <= end within 0..10000."));
                }
                else if (experiment.Status != ExperimentStatus.Stopped)
                {
                    placed.Add((i, experiment));
                }
            }
        }

        ValidateLayerOverlaps(placed, problems);
        return byKey;
    }

    private static void ValidateLayerOverlaps(List<(int Index, Experiment Experiment)> placed, List<ValidationProblem> problems)
    {
        for (int a = 0; a < placed.Count; a++)
        {
            for (int b = a + 1; b < placed.Count; b++)
            {
                LayerAllocation first = placed[a].Experiment.Layer!;
                LayerAllocation second = placed[b].Experiment.Layer!;
                if (string.Equals(first.LayerKey, second.LayerKey, StringComparison.Ordinal) && first.Buckets.Overlaps(second.Buckets))
                {
                    problems.Add(new(
                        Property(Property(Index("$.experiments", placed[b].Index), "layer"), "buckets"),
                        $"Buckets {second.Buckets} of '{placed[b].Experiment.Key}' overlap {first.Buckets} of '{placed[a].Experiment.Key}' in layer '{first.LayerKey}'.",
                        "Give experiments in one layer disjoint bucket spans, or stop one of them."));
                }
            }
        }
    }

    private static void ValidateLayers(Configuration configuration, List<ValidationProblem> problems)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var salts = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int i = 0; i < configuration.Layers.Count; i++)
        {
            Layer layer = configuration.Layers[i];
            string path = Index("$.layers", i);
            if (!CheckKey(layer.Key, path, "layer", keys.Contains(layer.Key ?? string.Empty), problems))
            {
                continue;
            }

            keys.Add(layer.Key);
            if (string.IsNullOrEmpty(layer.Salt))
            {
                problems.Add(new(Property(path, "salt"), "A layer needs a salt.", "Use a unique string, e.g. the layer key."));
            }
            else if (salts.TryGetValue(layer.Salt, out string? other))
            {
                problems.Add(new(Property(path, "salt"), $"Layer '{layer.Key}' reuses the salt of layer '{other}', so their buckets would be correlated.", "Give each layer its own salt."));
            }
            else
            {
                salts[layer.Salt] = layer.Key;
            }
        }
    }

    private static void ValidateHoldouts(Configuration configuration, List<ValidationProblem> problems)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var flags = configuration.Flags.Select(f => f.Key).ToHashSet(StringComparer.Ordinal);
        var experiments = configuration.Experiments.Select(e => e.Key).ToHashSet(StringComparer.Ordinal);
        var layers = configuration.Layers.Select(l => l.Key).ToHashSet(StringComparer.Ordinal);
        for (int i = 0; i < configuration.Holdouts.Count; i++)
        {
            Holdout holdout = configuration.Holdouts[i];
            string path = Index("$.holdouts", i);
            if (!CheckKey(holdout.Key, path, "holdout", keys.Contains(holdout.Key ?? string.Empty), problems))
            {
                continue;
            }

            keys.Add(holdout.Key);
            if (string.IsNullOrEmpty(holdout.Salt))
            {
                problems.Add(new(Property(path, "salt"), "A holdout needs a salt.", "Use a unique string, e.g. the holdout key."));
            }

            if (!holdout.Buckets.IsValid || holdout.Buckets.Count == 0)
            {
                problems.Add(new(Property(path, "buckets"), $"Bucket span {holdout.Buckets} is empty or not inside [0, 10000).", "Use e.g. [0, 100) for a 1% holdout."));
            }

            string scope = Property(path, "scope");
            CheckScope(holdout.Scope.Flags, flags, Property(scope, "flags"), "flag", problems);
            CheckScope(holdout.Scope.Experiments, experiments, Property(scope, "experiments"), "experiment", problems);
            CheckScope(holdout.Scope.Layers, layers, Property(scope, "layers"), "layer", problems);
            if (!holdout.Scope.All && holdout.Scope.Flags.Count + holdout.Scope.Experiments.Count + holdout.Scope.Layers.Count == 0)
            {
                problems.Add(new(scope, "The holdout's scope is empty, so it holds nothing back.", "Set \"all\": true, or list flags, experiments or layers."));
            }
        }
    }

    private static void CheckScope(IReadOnlyList<string> keys, HashSet<string> known, string path, string what, List<ValidationProblem> problems)
    {
        for (int k = 0; k < keys.Count; k++)
        {
            if (!known.Contains(keys[k]))
            {
                problems.Add(new(Index(path, k), $"Unknown {what} '{keys[k]}'.", $"Name an existing {what}, or remove it from the scope."));
            }
        }
    }
}
