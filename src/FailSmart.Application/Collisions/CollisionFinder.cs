using System.Globalization;
using FailSmart.Core.Model;
using CoreConfiguration = FailSmart.Core.Model.Configuration;

namespace FailSmart.Application.Collisions;

/// <summary>
/// Finds, from the configuration alone, which trials can reach the same units in an environment: a running
/// experiment or a guarded rollout with a running experiment or a holdout (two rollouts ramping at once are
/// not a collision), by the same unit attribute, audiences that may overlap (decided where the conditions allow, assumed where they do
/// not), and not kept apart by a layer. Holdouts that do not cover a trial count too: their held-back
/// units can enter it. Pure, so the write path, the API, the UI and <c>failsmart explain</c> answer alike.
/// </summary>
public static class CollisionFinder
{
    /// <summary>Every collision in the environment, each pair once per direction (so filtering by trial is a plain filter).</summary>
    public static IReadOnlyList<Collision> Find(CoreConfiguration configuration, string environment)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        IReadOnlyList<Trial> trials = Trials(configuration, environment);
        var found = new List<Collision>();
        foreach (Trial trial in trials)
        {
            foreach (Trial other in trials)
            {
                if (!ReferenceEquals(trial, other) && other.Key != trial.Key && Between(environment, trial, other) is { } collision
                    && !found.Any(c => c.Trial == collision.Trial && c.Other == collision.Other))
                {
                    found.Add(collision);
                }
            }

            foreach (Holdout holdout in configuration.Holdouts)
            {
                if (WithHoldout(environment, trial, holdout) is { } collision && !found.Contains(collision))
                {
                    found.Add(collision);
                }
            }
        }

        return found;
    }

    /// <summary>The collisions of one trial (an experiment key or a rollout's analysis key).</summary>
    public static IReadOnlyList<Collision> Find(CoreConfiguration configuration, string environment, string trialKey) =>
        [.. Find(configuration, environment).Where(c => c.Trial == trialKey)];

    /// <summary>Collisions in <paramref name="after"/> that <paramref name="before"/> did not have, in any environment: what a change would begin.</summary>
    public static IReadOnlyList<Collision> Begun(CoreConfiguration before, CoreConfiguration after, IEnumerable<string> environments)
    {
        var begun = new List<Collision>();
        foreach (string environment in environments)
        {
            var old = Find(before, environment).Select(c => (c.Trial, c.Other)).ToHashSet();
            begun.AddRange(Find(after, environment).Where(c => !old.Contains((c.Trial, c.Other)) && !old.Contains((c.Other, c.Trial))));
        }

        // Each pair once: the direction that names the trial first in key order.
        return [.. begun.Where(c => c.OtherKind == "holdout" || !begun.Any(d => d.Trial == c.Other && d.Other == c.Trial && string.CompareOrdinal(d.Trial, c.Trial) < 0))];
    }

    internal static IReadOnlyList<Trial> Trials(CoreConfiguration configuration, string environment)
    {
        var trials = new List<Trial>();
        foreach (Flag flag in configuration.Flags)
        {
            if (!flag.Environments.TryGetValue(environment, out FlagEnvironment? env) || !env.Enabled)
            {
                continue;
            }

            foreach (Rule rule in env.Rules)
            {
                TargetingFacts audience = TargetingFacts.Of(rule, configuration.Segments);
                switch (rule.Action)
                {
                    case ExperimentAction run when configuration.Experiments.FirstOrDefault(e => e.Key == run.ExperimentKey) is { Status: ExperimentStatus.Running } experiment:
                        trials.Add(new Trial(experiment.Key, "experiment", flag.Key, rule.Id, experiment.HashAttribute, experiment.Layer, experiment) { Audience = audience });
                        break;
                    // A guarded rollout is a trial from the moment its plan is written, at 0% too: the engine will start
                    // it, and stage changes never change who it can reach, so every collision it has was refused or
                    // acknowledged at a write, and no stage advance can begin one.
                    case RolloutAction { Plan: not null } rollout:
                        trials.Add(new Trial(RolloutPlan.AnalysisKey(flag.Key, rule.Id), "rollout", flag.Key, rule.Id, rollout.HashAttribute, null, null) { Audience = audience });
                        break;
                    default:
                        break;
                }
            }
        }

        return trials;
    }

    private static Collision? Between(string environment, Trial trial, Trial other)
    {
        if (trial.Kind == "rollout" && other.Kind == "rollout")
        {
            return null; // many features ramp at once; a collision is with an experiment or a holdout, whose cohort persists
        }

        if (trial.HashAttribute != other.HashAttribute)
        {
            return null; // different kinds of unit (users and accounts, say) are not the same units
        }

        if (trial.Layer is { } mine && other.Layer is { } theirs && mine.LayerKey == theirs.LayerKey && !mine.Buckets.Overlaps(theirs.Buckets))
        {
            return null;
        }

        if (trial.Audience.DisjointOn(other.Audience) is not null)
        {
            return null;
        }

        string why = $"{Capital(trial.Name)} and {other.Name} both assign by '{trial.HashAttribute}', their audiences can overlap"
            + (trial.Layer is not null && other.Layer is not null && trial.Layer.LayerKey == other.Layer.LayerKey
                ? $", and their buckets in layer '{trial.Layer.LayerKey}' overlap."
                : ", and no layer keeps them apart.");
        string separate = trial.Kind == "experiment" && other.Kind == "experiment"
            ? $"Put both in one layer with separate buckets, or narrow one audience with a condition the other excludes (for example on '{trial.HashAttribute}' or a segment)."
            : "Narrow one audience with a condition the other excludes, or wait until one has ended.";
        return new Collision(environment, trial.Key, other.Kind, other.Key, trial.HashAttribute, why, separate);
    }

    private static Collision? WithHoldout(string environment, Trial trial, Holdout holdout)
    {
        if (holdout.HashAttribute != trial.HashAttribute || holdout.Buckets.Count == 0)
        {
            return null;
        }

        bool covered = holdout.Scope.CoversFlag(trial.Flag) || (trial.Experiment is { } experiment && holdout.Scope.CoversExperiment(experiment));
        if (covered)
        {
            return null; // held-back units never reach the trial
        }

        return new Collision(
            environment,
            trial.Key,
            "holdout",
            holdout.Key,
            trial.HashAttribute,
            $"Holdout '{holdout.Key}' holds back {(holdout.Buckets.Fraction * 100).ToString("0.##", CultureInfo.InvariantCulture)}% of units by '{holdout.HashAttribute}' from other features, and those units can enter {trial.Name}.",
            trial.Experiment is not null
                ? $"Add experiment '{trial.Key}' to the holdout's scope, so its held-back units stay out."
                : $"Add flag '{trial.Flag}' to the holdout's scope, so its held-back units stay out.");
    }

    private static string Capital(string text) => char.ToUpperInvariant(text[0]) + text[1..];
}
