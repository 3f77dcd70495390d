using FailSmart.Core.Evaluation.Compiled;
using FailSmart.Core.Model;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Core.Validation;

public static partial class ConfigurationValidator
{
    // The launch itself: 2 to 5 distinct features with distinct seeds, and the cells as its variations, so
    // that the recorded cell always means the same combination of features.
    private static void ValidateFactorialDesign(Experiment experiment, FactorialDesign design, string path, List<ValidationProblem> problems)
    {
        string at = Property(Property(path, "factorial"), "features");
        IReadOnlyList<FactorialFeature> features = design.Features;
        if (features.Count is < FactorialDesign.MinFeatures or > FactorialDesign.MaxFeatures)
        {
            problems.Add(new(at, $"A factorial launch crosses {FactorialDesign.MinFeatures} to {FactorialDesign.MaxFeatures} features; '{experiment.Key}' has {features.Count}.", "List 2 to 5 features; split a larger bundle into several launches."));
            return;
        }

        var flags = new HashSet<string>(StringComparer.Ordinal);
        var seeds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < features.Count; i++)
        {
            string featurePath = Index(at, i);
            if (string.IsNullOrEmpty(features[i].Flag) || !flags.Add(features[i].Flag))
            {
                problems.Add(new(Property(featurePath, "flag"), $"Feature flag '{features[i].Flag}' is empty or named twice.", "Name each feature's flag once."));
            }
            else if (string.IsNullOrEmpty(features[i].Seed) || !seeds.Add(features[i].Seed))
            {
                problems.Add(new(Property(featurePath, "seed"), $"Seed '{features[i].Seed}' is empty or used by two features, so they would not be randomised apart.", "Give each feature its own seed, or leave \"seed\" out for the default."));
            }
        }

        IReadOnlyList<string> cells = FactorialCells.All(features.Count);
        bool cellsMatch = experiment.Variations.Count == cells.Count
            && experiment.Variations.Select(v => v.Key).SequenceEqual(cells, StringComparer.Ordinal)
            && experiment.Variations.All(v => Math.Abs(v.Weight - (1.0 / cells.Count)) <= WeightSumTolerance);
        if (!cellsMatch)
        {
            problems.Add(new(Property(path, "variations"), $"A factorial launch's variations are its {cells.Count} cells ({string.Join(", ", cells)}) with equal weights.", "Leave \"variations\" out: FailSmart makes the cells."));
        }
    }

    // Each feature's flag is boolean and in one running launch at most. Each exists and, wherever one feature
    // of the launch is served through it, every feature is (otherwise the cell records a bit for a feature
    // nobody was shown); these two are advice, not refusals, since a launch and its flags are written one at
    // a time and pass through states that lack them.
    private static void ValidateLaunchFlags(Configuration configuration, List<ValidationProblem> problems)
    {
        var flagIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < configuration.Flags.Count; i++)
        {
            if (configuration.Flags[i].Key is { } key)
            {
                flagIndex.TryAdd(key, i);
            }
        }

        var runningLaunchOf = new Dictionary<string, string>(StringComparer.Ordinal);
        for (int e = 0; e < configuration.Experiments.Count; e++)
        {
            Experiment launch = configuration.Experiments[e];
            // A launch with the wrong number of features is refused as a whole; its flags wait for a design.
            if (launch.Factorial is not { } design || launch.Key is null
                || design.Features.Count is < FactorialDesign.MinFeatures or > FactorialDesign.MaxFeatures)
            {
                continue;
            }

            string at = Property(Property(Index("$.experiments", e), "factorial"), "features");
            var served = new List<(string Environment, string Flag)>();
            for (int i = 0; i < design.Features.Count; i++)
            {
                string flagPath = Property(Index(at, i), "flag");
                string flagKey = design.Features[i].Flag ?? string.Empty;
                if (!flagIndex.TryGetValue(flagKey, out int index))
                {
                    problems.Add(new(flagPath, $"Unknown flag '{flagKey}': the launch randomises this feature, but no flag serves it.", "Create the feature's flag with a rule that assigns through the launch, or fix the key.")
                    {
                        Code = ValidationProblem.IncompleteLaunchCode,
                    });
                    continue;
                }

                Flag flag = configuration.Flags[index];
                if (flag.ValueType != FlagValueType.Boolean || CompiledFactorial.VariationFor(flag, true) < 0 || CompiledFactorial.VariationFor(flag, false) < 0)
                {
                    problems.Add(new(flagPath, $"Flag '{flagKey}' is not a boolean flag with a true and a false variation, so the launch cannot switch it on and off.", "A factorial launch switches boolean flags only, for now: use a boolean flag that gates the feature (on: true, off: false)."));
                }

                if (launch.Status == ExperimentStatus.Running)
                {
                    if (runningLaunchOf.TryGetValue(flagKey, out string? other))
                    {
                        problems.Add(new(flagPath, $"Flag '{flagKey}' is already a feature of the running launch '{other}'.", "A flag can be in one running launch at a time: stop the other launch, or leave the flag out of this one."));
                    }
                    else
                    {
                        runningLaunchOf[flagKey] = launch.Key;
                    }
                }

                foreach ((string environment, FlagEnvironment state) in flag.Environments)
                {
                    if (state.Rules.Any(r => r.Action is ExperimentAction run && string.Equals(run.ExperimentKey, launch.Key, StringComparison.Ordinal)))
                    {
                        served.Add((environment, flagKey));
                    }
                }
            }

            foreach (string environment in served.Select(s => s.Environment).Distinct(StringComparer.Ordinal))
            {
                string servedBy = served.First(s => s.Environment == environment).Flag;
                foreach (FactorialFeature feature in design.Features)
                {
                    if (flagIndex.TryGetValue(feature.Flag ?? string.Empty, out int index) && !served.Contains((environment, feature.Flag!)))
                    {
                        problems.Add(new(
                            Property(Property(Property(Index("$.flags", index), "environments"), environment), "rules"),
                            $"Flag '{feature.Flag}' has no rule that assigns through launch '{launch.Key}' in '{environment}', where '{servedBy}' does, so its bit in the recorded cell would not match what units see.",
                            $"Add a rule with \"experiment\": {{\"key\": \"{launch.Key}\"}} to '{feature.Flag}' in '{environment}', or remove the launch's rule from the other flags there.")
                        {
                            Code = ValidationProblem.IncompleteLaunchCode,
                        });
                    }
                }
            }
        }
    }
}
