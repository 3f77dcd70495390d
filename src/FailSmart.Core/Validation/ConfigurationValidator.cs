using System.Diagnostics.CodeAnalysis;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Core.Validation;

/// <summary>
/// Checks a configuration and returns every problem, not only the first, each with the JSON path
/// of the configuration document where it is and a hint to fix it.
/// </summary>
public static partial class ConfigurationValidator
{
    public static IReadOnlyList<ValidationProblem> Validate(Configuration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var problems = new List<ValidationProblem>();
        var segments = ValidateSegments(configuration, problems);
        var experiments = ValidateExperiments(configuration, problems);
        ValidateLayers(configuration, problems);
        ValidateHoldouts(configuration, problems);
        ValidateFlags(configuration, segments, experiments, problems);
        ValidateLaunchFlags(configuration, problems);
        ValidatePrerequisiteCycles(configuration, problems);
        return problems;
    }

    private static Dictionary<string, Segment> ValidateSegments(Configuration configuration, List<ValidationProblem> problems)
    {
        var byKey = new Dictionary<string, Segment>(StringComparer.Ordinal);
        for (int i = 0; i < configuration.Segments.Count; i++)
        {
            Segment segment = configuration.Segments[i];
            string path = Index("$.segments", i);
            if (!CheckKey(segment.Key, path, "segment", byKey.ContainsKey(segment.Key ?? string.Empty), problems))
            {
                continue;
            }

            byKey[segment.Key] = segment;
            switch (segment)
            {
                case ConditionSegment c:
                    AddConditionProblems(c.Condition, Property(path, "condition"), problems);
                    break;
                case IdListSegment l when string.IsNullOrEmpty(l.Attribute):
                    problems.Add(new(Property(path, "attribute"), "An id-list segment needs the attribute its ids are compared with.", "Set \"attribute\", e.g. \"id\"."));
                    break;
                default:
                    break;
            }
        }

        return byKey;
    }

    private static void ValidateFlags(Configuration configuration, Dictionary<string, Segment> segments, Dictionary<string, Experiment> experiments, List<ValidationProblem> problems)
    {
        var keys = new HashSet<string>(StringComparer.Ordinal);
        var flags = configuration.Flags.Where(f => f.Key is not null).GroupBy(f => f.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        for (int i = 0; i < configuration.Flags.Count; i++)
        {
            Flag flag = configuration.Flags[i];
            string path = Index("$.flags", i);
            if (!CheckKey(flag.Key, path, "flag", keys.Contains(flag.Key ?? string.Empty), problems))
            {
                continue;
            }

            keys.Add(flag.Key);
            ValidateVariations(flag, path, problems);
            foreach (KeyValuePair<string, FlagEnvironment> environment in flag.Environments)
            {
                ValidateEnvironment(flag, environment.Value, Property(Property(path, "environments"), environment.Key), segments, experiments, problems);
            }

            for (int p = 0; p < flag.Prerequisites.Count; p++)
            {
                Prerequisite prerequisite = flag.Prerequisites[p];
                string at = Index(Property(path, "prerequisites"), p);
                if (!flags.TryGetValue(prerequisite.FlagKey, out Flag? required))
                {
                    problems.Add(new(Property(at, "flag"), $"Unknown prerequisite flag '{prerequisite.FlagKey}'.", "Name an existing flag, or remove the prerequisite."));
                    continue;
                }

                if (prerequisite.Variations.Count == 0)
                {
                    problems.Add(new(Property(at, "variations"), "A prerequisite needs at least one required variation.", $"List the variations of '{prerequisite.FlagKey}' that allow this flag."));
                }

                for (int v = 0; v < prerequisite.Variations.Count; v++)
                {
                    if (required.FindVariation(prerequisite.Variations[v]) is null)
                    {
                        problems.Add(new(Index(Property(at, "variations"), v), $"Flag '{prerequisite.FlagKey}' has no variation '{prerequisite.Variations[v]}'.", "Use one of: " + string.Join(", ", required.Variations.Select(x => x.Key)) + "."));
                    }
                }
            }
        }
    }

    private static void ValidateVariations(Flag flag, string path, List<ValidationProblem> problems)
    {
        if (flag.Variations.Count == 0)
        {
            problems.Add(new(Property(path, "variations"), "A flag needs at least one variation.", "Add variations, e.g. on (true) and off (false)."));
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int v = 0; v < flag.Variations.Count; v++)
        {
            FlagVariation variation = flag.Variations[v];
            string at = Index(Property(path, "variations"), v);
            if (string.IsNullOrEmpty(variation.Key) || !seen.Add(variation.Key))
            {
                problems.Add(new(Property(at, "key"), $"Variation key '{variation.Key}' is empty or repeated.", "Give every variation a unique key."));
            }

            bool typeOk = flag.ValueType switch
            {
                FlagValueType.Boolean => variation.Value.Kind == DataValueKind.Boolean,
                FlagValueType.String => variation.Value.Kind == DataValueKind.String,
                FlagValueType.Number => variation.Value.Kind == DataValueKind.Number,
                _ => true,
            };
            if (!typeOk)
            {
                problems.Add(new(Property(at, "value"), $"Value {variation.Value.ToJson()} is not a {flag.ValueType.ToString().ToLowerInvariant()}.", $"Make every variation a {flag.ValueType.ToString().ToLowerInvariant()}, or change the flag's type."));
            }
        }
    }

    private static void ValidateEnvironment(Flag flag, FlagEnvironment environment, string path, Dictionary<string, Segment> segments, Dictionary<string, Experiment> experiments, List<ValidationProblem> problems)
    {
        CheckVariation(flag, environment.OffVariation, Property(path, "offVariation"), problems);
        CheckVariation(flag, environment.DefaultVariation, Property(path, "defaultVariation"), problems);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int r = 0; r < environment.Rules.Count; r++)
        {
            Rule rule = environment.Rules[r];
            string at = Index(Property(path, "rules"), r);
            if (string.IsNullOrEmpty(rule.Id) || !ids.Add(rule.Id))
            {
                problems.Add(new(Property(at, "id"), $"Rule id '{rule.Id}' is empty or repeated in this environment.", "Give every rule a unique id; explanations and exposures name it."));
            }

            AddConditionProblems(rule.Condition, Property(at, "condition"), problems);
            foreach (string group in rule.Condition.ReferencedGroups)
            {
                if (!segments.TryGetValue(group, out Segment? segment))
                {
                    problems.Add(new(Property(at, "condition"), $"Unknown segment '{group}' in $inGroup/$notInGroup.", "Create the segment, or fix the key."));
                }
                else if (segment is not IdListSegment)
                {
                    problems.Add(new(Property(at, "condition"), $"Segment '{group}' is a condition, but $inGroup needs an id list.", $"List it in the rule's \"segments\" instead."));
                }
            }

            for (int s = 0; s < rule.Segments.Count; s++)
            {
                if (!segments.ContainsKey(rule.Segments[s]))
                {
                    problems.Add(new(Index(Property(at, "segments"), s), $"Unknown segment '{rule.Segments[s]}'.", "Create the segment, or fix the key."));
                }
            }

            ValidateAction(flag, rule.Action, at, experiments, problems);
            if (rule.Action is RolloutAction { Plan: { } plan } guarded)
            {
                ValidatePlan(flag, environment, rule, guarded, plan, Property(at, "rollout"), experiments, problems);
            }
        }
    }

    private static void ValidateAction(Flag flag, RuleAction action, string rulePath, Dictionary<string, Experiment> experiments, List<ValidationProblem> problems)
    {
        switch (action)
        {
            case ForceAction force:
                CheckVariation(flag, force.Variation, Property(Property(rulePath, "force"), "variation"), problems);
                break;
            case RolloutAction rollout:
                string at = Property(rulePath, "rollout");
                CheckVariation(flag, rollout.Variation, Property(at, "variation"), problems);
                if (!rollout.Stage.IsValid)
                {
                    problems.Add(new(Property(at, "percentage"), $"Rollout percentage {rollout.Stage.Percent} is outside [0, 100].", "Use a percentage from 0 to 100."));
                }

                if (rollout.FeatureManagement is { } imported)
                {
                    ValidateImportedRollout(rollout, imported, at, problems);
                }

                ValidateRolloutHashVersion(rollout, at, problems);
                break;
            case ExperimentAction run:
                string experimentPath = Property(Property(rulePath, "experiment"), "key");
                if (!experiments.TryGetValue(run.ExperimentKey, out Experiment? experiment))
                {
                    problems.Add(new(experimentPath, $"Unknown experiment '{run.ExperimentKey}'.", "Define the experiment under \"experiments\", or fix the key."));
                    break;
                }

                if (experiment.Factorial is { } design)
                {
                    // A launch's cells are not the flag's variations: the flag serves its feature's on or off.
                    if (design.IndexOf(flag.Key) < 0)
                    {
                        problems.Add(new(experimentPath, $"Flag '{flag.Key}' is not a feature of the factorial launch '{experiment.Key}'.", $"Add '{flag.Key}' to the launch's features, or assign it through another experiment."));
                    }

                    break;
                }

                foreach (ExperimentVariation variation in experiment.Variations)
                {
                    if (flag.FindVariation(variation.Key) is null)
                    {
                        problems.Add(new(experimentPath, $"Experiment '{experiment.Key}' has variation '{variation.Key}', which flag '{flag.Key}' does not have.", "Name experiment variations after the flag's variations."));
                    }
                }

                break;
            default:
                problems.Add(new(rulePath, "A rule needs exactly one action: force, rollout or experiment.", "Add one action to the rule."));
                break;
        }
    }

    // Microsoft.FeatureManagement's bucketing exists so imported users keep their assignment; a guarded
    // rollout needs FailSmart's own arms, so the two never meet.
    private static void ValidateImportedRollout(RolloutAction rollout, FeatureManagementBucketing imported, string at, List<ValidationProblem> problems)
    {
        if (!(imported.From is >= 0 and <= 100) || imported.From > imported.To)
        {
            problems.Add(new(Property(at, "from"), FormattableString.Invariant($"The range's start {imported.From} is outside [0, {imported.To}] (the percentage ends it)."), "Use a start from 0 up to the rollout's percentage."));
        }

        if (rollout.Plan is not null)
        {
            problems.Add(new(Property(at, "plan"), "A rollout with Microsoft.FeatureManagement's bucketing cannot have a plan.", "Remove \"bucketing\" (units then move to FailSmart's hash) or remove \"plan\"."));
        }

        if (rollout.Seed is { Length: 0 })
        {
            problems.Add(new(Property(at, "seed"), "Microsoft.FeatureManagement's bucketing needs a non-empty seed (its hint).", "Leave \"seed\" out to use the flag key, as a targeting filter does, or write the hint."));
        }
    }

    private static void CheckVariation(Flag flag, string key, string path, List<ValidationProblem> problems)
    {
        if (flag.FindVariation(key ?? string.Empty) is null)
        {
            problems.Add(new(path, $"Flag '{flag.Key}' has no variation '{key}'.", "Use one of: " + string.Join(", ", flag.Variations.Select(v => v.Key)) + "."));
        }
    }

    private static bool CheckKey([NotNullWhen(true)] string? key, string path, string what, bool duplicate, List<ValidationProblem> problems)
    {
        if (string.IsNullOrWhiteSpace(key))
        {
            problems.Add(new(Property(path, "key"), $"A {what} needs a key.", $"Give the {what} a unique key, e.g. \"new-checkout\"."));
            return false;
        }

        if (duplicate)
        {
            problems.Add(new(Property(path, "key"), $"Duplicate {what} key '{key}'.", $"{what} keys must be unique; rename one."));
            return false;
        }

        return true;
    }

    private static void AddConditionProblems(Condition condition, string path, List<ValidationProblem> problems)
    {
        foreach (ConditionProblem problem in condition.Problems)
        {
            problems.Add(new(path + problem.Path, problem.Message, problem.Hint) { Code = ValidationProblem.InvalidConditionCode });
        }
    }
}
