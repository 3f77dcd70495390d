using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Collisions;
using FailSmart.Application.Results;
using FailSmart.Core.Model;
using FailSmart.Protocol.Results;
using FailSmart.Statistics;
using FailSmart.Storage.Config;
using CoreConfiguration = FailSmart.Core.Model.Configuration;

namespace FailSmart.Application.Experiments;

/// <summary>
/// The checks behind <see cref="IExperimentLaunchService.ChecklistAsync"/>: its phase, the flag rule that
/// runs it, the collision guard as if it were running, its metrics, the hypothesis and the plan. Each says
/// in one sentence what it found, so a failed launch is caught before units are assigned, not after.
/// </summary>
internal sealed class LaunchChecks(IExperimentResultsService results)
{
    /// <summary>Longer than this, a plan gets a warning: few teams hold a decision for more than eight weeks.</summary>
    internal const int LongPlanDays = 56;

    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;

    public async Task<LaunchChecklist> RunAsync(
        IReadOnlyList<StoredResource> all, CoreConfiguration configuration, StoredResource stored, Experiment experiment, string environment, CancellationToken cancellationToken)
    {
        var items = new List<ChecklistItem>
        {
            PhaseItem(experiment),
            FlagItem(configuration, experiment, environment),
            CollisionItem(all, configuration, stored, experiment, environment),
        };
        var metrics = all.Where(r => r.Kind == ResourceKind.Metric).ToDictionary(r => r.Key, StringComparer.Ordinal);
        items.Add(MetricsItem(experiment, metrics));
        (ChecklistItem hypothesis, MetricReference? primary) = HypothesisItem(experiment, metrics);
        items.Add(hypothesis);
        (ChecklistItem plan, int? days) = await PlanItemAsync(experiment, primary, environment, cancellationToken);
        items.Add(plan);
        return new LaunchChecklist(experiment.Key, environment, ExperimentLaunchService.Name(experiment.Status), experiment.Phase, items, days);
    }

    private static ChecklistItem PhaseItem(Experiment experiment) => experiment.Status switch
    {
        ExperimentStatus.Draft => new("phase", ChecklistState.Passed, $"Draft in phase {experiment.Phase}: starting it sets it running."),
        ExperimentStatus.Running => new("phase", ChecklistState.Passed, $"Running in phase {experiment.Phase}; changing its weights or coverage begins phase {experiment.Phase + 1}."),
        _ => new("phase", ChecklistState.Warning, $"Stopped in phase {experiment.Phase}: starting it again begins phase {experiment.Phase + 1}, analysed apart from the earlier ones."),
    };

    private static ChecklistItem FlagItem(CoreConfiguration configuration, Experiment experiment, string environment)
    {
        var runs = configuration.Flags
            .SelectMany(f => f.Environments.TryGetValue(environment, out FlagEnvironment? env)
                ? env.Rules.Where(r => r.Action is ExperimentAction a && a.ExperimentKey == experiment.Key).Select(r => (Flag: f.Key, Rule: r.Id, env.Enabled))
                : [])
            .ToList();
        if (runs.Count == 0)
        {
            return new("flag", ChecklistState.Failed,
                $"No flag rule in {environment} runs it, so starting it would assign nobody. Add a rule that runs experiment '{experiment.Key}' to the flag it tests.");
        }

        string where = string.Join(", ", runs.Select(r => $"flag '{r.Flag}' (rule '{r.Rule}')"));
        return runs.Any(r => r.Enabled)
            ? new("flag", ChecklistState.Passed, $"Runs on {where} in {environment}.")
            : new("flag", ChecklistState.Warning, $"Runs on {where}, but the flag is off in {environment}, so nobody is assigned until it is turned on.");
    }

    private static ChecklistItem CollisionItem(IReadOnlyList<StoredResource> all, CoreConfiguration configuration, StoredResource stored, Experiment experiment, string environment)
    {
        CoreConfiguration running = configuration;
        if (experiment.Status != ExperimentStatus.Running)
        {
            // The guard's question, asked before the start: with it running, which trials could reach its units?
            JsonObject document = (JsonObject)JsonNode.Parse(stored.Document)!;
            document["status"] = "running";
            IReadOnlyList<StoredResource> after = [.. all.Where(r => r != stored), stored with { Document = document.ToJsonString() }];
            running = ConfigurationOf.Build(after) ?? configuration;
        }

        IReadOnlyList<Collision> found = CollisionFinder.Find(running, environment, experiment.Key);
        if (found.Count == 0)
        {
            return new("collisions", ChecklistState.Passed, $"No other running trial or holdout can reach its units in {environment}.");
        }

        string verb = experiment.Status == ExperimentStatus.Running ? "Shares" : "Starting it would let it share";
        return new("collisions", ChecklistState.Failed,
            $"{verb} units with {string.Join(" and ", found.Select(c => $"{c.OtherKind} '{c.Other}'"))} in {environment}: {string.Join(" ", found.Select(c => c.Why))} {found[0].Separate}");
    }

    private static ChecklistItem MetricsItem(Experiment experiment, Dictionary<string, StoredResource> metrics)
    {
        if (experiment.Metrics.Count == 0)
        {
            int active = metrics.Values.Count(m => !m.Archived);
            return active == 0
                ? new("metrics", ChecklistState.Failed, "No metric is defined, so its results would measure nothing. Define the metrics it should move on the Metrics page, then name them here.")
                : new("metrics", ChecklistState.Warning, $"It names no metrics, so its results analyse all {active} active ones; name the few it is about, so corrections for many comparisons cost less.");
        }

        var missing = experiment.Metrics.Where(m => !metrics.ContainsKey(m.Key)).Select(m => $"'{m.Key}'").ToList();
        var archived = experiment.Metrics.Where(m => metrics.TryGetValue(m.Key, out StoredResource? r) && r.Archived).Select(m => $"'{m.Key}'").ToList();
        if (missing.Count + archived.Count == 0)
        {
            return new("metrics", ChecklistState.Passed, $"Its {experiment.Metrics.Count} metric{(experiment.Metrics.Count == 1 ? " is" : "s are")} defined and active: {string.Join(", ", experiment.Metrics.Select(m => m.Key))}.");
        }

        string what = string.Join("; ", new[]
        {
            missing.Count > 0 ? $"not defined: {string.Join(", ", missing)}" : null,
            archived.Count > 0 ? $"archived: {string.Join(", ", archived)}" : null,
        }.OfType<string>());
        return new("metrics", ChecklistState.Failed, $"Some of its metrics cannot be measured ({what}). Define or unarchive them, or remove them from the experiment.");
    }

    private static (ChecklistItem Item, MetricReference? Primary) HypothesisItem(Experiment experiment, Dictionary<string, StoredResource> metrics)
    {
        IEnumerable<MetricReference> named = experiment.Metrics.Count > 0
            ? experiment.Metrics
            : metrics.Values.Where(m => !m.Archived).Select(m => new MetricReference(m.Key));
        MetricReference? primary = named.FirstOrDefault(m => (m.Role ?? DefinedRole(metrics, m.Key)) == MetricUse.Primary);
        if (primary is null)
        {
            return (new("hypothesis", ChecklistState.Failed, "No primary metric: nothing decides whether to ship. Give the metric the hypothesis is about the primary role."), null);
        }

        if (primary.MinimumEffect is not { } effect)
        {
            return (new("hypothesis", ChecklistState.Warning,
                $"The primary metric '{primary.Key}' has no minimum effect, so nobody has said what change is worth acting on and the plan cannot size the experiment. Set its minimum effect."), primary);
        }

        return (new("hypothesis", ChecklistState.Passed, $"Expects '{primary.Key}' to {(effect > 0 ? "rise" : "fall")} by at least {Percent(Math.Abs(effect))}."), primary);
    }

    private async Task<(ChecklistItem Item, int? Days)> PlanItemAsync(Experiment experiment, MetricReference? primary, string environment, CancellationToken cancellationToken)
    {
        if (primary?.MinimumEffect is not { } effect)
        {
            return (new("plan", ChecklistState.Warning, "No plan: days to a decision need a primary metric with a minimum effect."), null);
        }

        double allocation = Allocation(experiment);
        if (experiment.Variations.Count < 2 || allocation <= 0)
        {
            return (new("plan", ChecklistState.Failed, "No plan: it enrols nobody (no coverage, or fewer than two variations)."), null);
        }

        // Any refusal (no event store, no data yet) means the same as no data: the numbers are entered by hand.
        var baseline = await results.BaselineAsync(new MetricBaselineQuery(primary.Key, environment), cancellationToken);
        if (baseline is not { Succeeded: true, Value: { Units: > 0, Mean: { } mean } data } || mean == 0 || data.UnitsPerDay <= 0 || Variance(data) is not { } variance)
        {
            return (new("plan", ChecklistState.Warning,
                $"No recent data for '{primary.Key}' in {environment}, so the days to a decision are unknown; plan it by hand in the experiment wizard or with failsmart stats plan."), null);
        }

        double control = experiment.Variations[0].Weight;
        double treatment = experiment.Variations.Skip(1).Min(v => v.Weight);
        if (control <= 0 || treatment <= 0)
        {
            return (new("plan", ChecklistState.Failed, "No plan: a variation has weight 0, so it enrols nobody."), null);
        }

        LearningCostRow row = ExperimentPlanner.Costs(mean, variance, data.UnitsPerDay, [allocation * treatment], effect, 0, 0.05, 0.8, allocation * control)[0];
        string sentence = string.Create(s_inv,
            $"At its allocation of {Percent(allocation)} of traffic ({data.UnitsPerDay:N0} units a day in {environment}), '{primary.Key}' can show a {Percent(Math.Abs(effect))} change in about {row.DaysToDecision} days.");
        return row.DaysToDecision > LongPlanDays
            ? (new("plan", ChecklistState.Warning, sentence + " That is longer than most teams can wait: raise the allocation, or look for a larger effect."), row.DaysToDecision)
            : (new("plan", ChecklistState.Passed, sentence), row.DaysToDecision);
    }

    /// <summary>The share of traffic the experiment enrols: its coverage of its layer span (or of everyone).</summary>
    internal static double Allocation(Experiment experiment) => experiment.Coverage * (experiment.Layer?.Buckets.Fraction ?? 1);

    private static double? Variance(MetricBaselineResponse data) =>
        data.Variance is > 0 ? data.Variance
        : data.Type is "conversion" or "retention" && data.Mean is > 0 and < 1 ? data.Mean * (1 - data.Mean)
        : null;

    private static MetricUse? DefinedRole(Dictionary<string, StoredResource> metrics, string key)
    {
        if (!metrics.TryGetValue(key, out StoredResource? metric))
        {
            return null;
        }

        using JsonDocument document = JsonDocument.Parse(metric.Document);
        return document.RootElement.TryGetProperty("role", out JsonElement role) && role.ValueKind == JsonValueKind.String
            ? role.GetString() switch { "primary" => MetricUse.Primary, "guardrail" => MetricUse.Guardrail, _ => MetricUse.Secondary }
            : MetricUse.Secondary;
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.##", s_inv) + "%";
}
