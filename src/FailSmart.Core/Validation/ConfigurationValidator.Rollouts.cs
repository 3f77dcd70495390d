using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Core.Validation;

public static partial class ConfigurationValidator
{
    /// <summary>The largest holdback: more would leave the feature's own arm smaller than its control.</summary>
    public const double MaxHoldback = 0.5;

    // Version 1 exists so rollouts moved from GrowthBook keep their units. A guarded rollout is analysed
    // as an experiment, and version 1 hashes the value before the seed, so two rules' version 1 buckets
    // are not independent of each other: its arms keep version 2.
    private static void ValidateRolloutHashVersion(RolloutAction rollout, string at, List<ValidationProblem> problems)
    {
        string path = Property(at, "hashVersion");
        if (rollout.HashVersion is not (HashVersion.V1 or HashVersion.V2))
        {
            problems.Add(new(path, $"Unknown hash version {(int)rollout.HashVersion}.", "Use 2 (the default), or 1 for a rollout moved from GrowthBook on its default hash, so its units stay where they were."));
            return;
        }

        if (rollout.HashVersion != HashVersion.V1)
        {
            return;
        }

        if (rollout.Plan is not null)
        {
            problems.Add(new(path, "A guarded rollout hashes with version 2 only: its arms are analysed as an experiment, and version 1's buckets are biased and not independent across seeds.", "Remove \"hashVersion\" (units then move to version 2's buckets: start the plan at stage 0), or remove \"plan\"."));
        }

        if (rollout.FeatureManagement is not null)
        {
            problems.Add(new(path, "Hash version 1 is GrowthBook's; Microsoft.FeatureManagement's bucketing has its own hash.", "Remove \"hashVersion\", or remove \"bucketing\" to place units with GrowthBook's version 1 hash."));
        }
    }

    // Paths and messages speak the document's units (percentages); the model holds fractions.
    private static void ValidatePlan(Flag flag, FlagEnvironment environment, Rule rule, RolloutAction rollout, RolloutPlan plan, string rolloutPath, Dictionary<string, Experiment> experiments, List<ValidationProblem> problems)
    {
        string path = Property(rolloutPath, "plan");
        string analysisKey = RolloutPlan.AnalysisKey(flag.Key, rule.Id);
        if (experiments.ContainsKey(analysisKey))
        {
            // Exposures and results are keyed by it: the two would be counted as one.
            problems.Add(new(path, $"An experiment is named '{analysisKey}', the key this guarded rollout's exposures carry.", "Rename the experiment; keys starting with \"rollout:\" belong to guarded rollouts."));
        }

        ValidateStages(plan, path, problems);
        if (plan.Stages.Count > 0 && rollout.Stage.Fraction != 0 && !plan.Stages.Any(s => s.Fraction == rollout.Stage.Fraction))
        {
            problems.Add(new(Property(rolloutPath, "percentage"), $"The rollout serves {Percent(rollout.Stage.Fraction)}%, which is not a stage of its plan.",
                $"Use 0 (not started or rolled back) or one of the plan's stage percentages: {string.Join(", ", plan.Stages.Select(s => Percent(s.Fraction)))}."));
        }

        if (!(plan.Holdback is >= 0 and <= MaxHoldback))
        {
            problems.Add(new(Property(path, "holdback"), $"Holdback {Percent(plan.Holdback)}% is outside [0, 50].", "Use a holdback from 0 to 50 percent; 1 keeps the usual 1% back for the long-term effect."));
        }
        else if (!IsWholeBuckets(plan.Holdback))
        {
            problems.Add(new(Property(path, "holdback"), $"Holdback {Percent(plan.Holdback)}% is not a whole number of the 10,000 buckets.", "Give the holdback in steps of 0.01 percent, e.g. 1 or 0.5."));
        }

        string control = plan.ControlVariation ?? environment.DefaultVariation;
        if (plan.ControlVariation is { } named)
        {
            CheckVariation(flag, named, Property(path, "controlVariation"), problems);
        }

        if (string.Equals(control, rollout.Variation, StringComparison.Ordinal))
        {
            problems.Add(new(Property(path, "controlVariation"), $"The control variation '{control}' is the variation being rolled out, so the rollout could not compare anything.",
                plan.ControlVariation is null ? "Set \"controlVariation\" to what units without the feature get, or change the environment's default variation." : "Name the variation units without the feature get."));
        }

        var keys = new HashSet<string>(StringComparer.Ordinal);
        for (int m = 0; m < plan.Metrics.Count; m++)
        {
            MetricReference metric = plan.Metrics[m];
            string at = Index(Property(path, "metrics"), m);
            if (string.IsNullOrWhiteSpace(metric.Key) || !keys.Add(metric.Key))
            {
                problems.Add(new(Property(at, "key"), $"Metric key '{metric.Key}' is empty or repeated.", "List each metric once, by its definition's key."));
            }

            if (metric.Role is { } role && !Enum.IsDefined(role))
            {
                problems.Add(new(Property(at, "role"), $"Role '{role}' is not a metric role.", "Use primary, secondary or guardrail, or leave it out for the metric definition's own role."));
            }

            if (metric.Margin is { } margin && !(margin is > 0 and < 1))
            {
                problems.Add(new(Property(at, "margin"), $"Margin {margin} is not a relative harm between 0 and 1.", "Write 0.01 to tolerate at most a 1% loss, or leave it out for the definition's margin."));
            }
        }

        if (plan.Phase < 1)
        {
            problems.Add(new(Property(path, "phase"), $"Phase {plan.Phase} is not a phase: phases count from 1.", "Leave \"phase\" out for 1; the rollout engine raises it at every stage change."));
        }
    }

    private static void ValidateStages(RolloutPlan plan, string path, List<ValidationProblem> problems)
    {
        string stagesPath = Property(path, "stages");
        if (plan.Stages.Count == 0)
        {
            problems.Add(new(stagesPath, "A plan needs at least one stage.", "Leave \"stages\" out for 1, 5, 10, 25, 50 and 100 percent, or list stages ending at 100."));
            return;
        }

        double previous = 0;
        for (int s = 0; s < plan.Stages.Count; s++)
        {
            RolloutPlanStage stage = plan.Stages[s];
            string at = Index(stagesPath, s);
            if (!(stage.Fraction is > 0 and <= 1))
            {
                problems.Add(new(Property(at, "percentage"), $"Stage percentage {Percent(stage.Fraction)} is outside (0, 100].", "Give each stage a percentage above 0 and at most 100 of the units not held back."));
            }
            else if (!(stage.Fraction > previous))
            {
                problems.Add(new(Property(at, "percentage"), $"Stage percentage {Percent(stage.Fraction)} does not rise above the stage before ({Percent(previous)}).", "List stages in strictly increasing order, e.g. 1, 5, 10, 25, 50, 100."));
            }

            previous = Math.Max(previous, stage.Fraction);
            if (stage.MinDuration < TimeSpan.Zero)
            {
                problems.Add(new(Property(at, "minDuration"), "The minimum duration is negative.", "Use an ISO 8601 duration such as \"P1D\", or \"PT0S\" for none."));
            }

            if (stage.MinUnits < 0)
            {
                problems.Add(new(Property(at, "minUnits"), $"Minimum units {stage.MinUnits} is negative.", "Use 0 or more units exposed to the feature in the stage."));
            }

            if (stage.MaxDuration is { } max && (max <= TimeSpan.Zero || max < stage.MinDuration))
            {
                problems.Add(new(Property(at, "maxDuration"), "The maximum duration is not positive, or is shorter than the minimum duration.", "Use a duration at least as long as \"minDuration\", e.g. \"P7D\", or leave it out to wait forever."));
            }
        }

        if (plan.Stages[^1].Fraction != 1)
        {
            problems.Add(new(Property(Index(stagesPath, plan.Stages.Count - 1), "percentage"), $"The last stage is {Percent(plan.Stages[^1].Fraction)}%, not 100.",
                "End with a stage of 100: every unit not held back. The holdback stays out on its own."));
        }
    }

    private static bool IsWholeBuckets(double fraction)
    {
        double buckets = fraction * BucketHash.BucketCount;
        return Math.Abs(buckets - Math.Round(buckets)) < 1e-6;
    }

    private static string Percent(double fraction) => FormattableString.Invariant($"{Math.Round(fraction * 100, 6)}");
}
