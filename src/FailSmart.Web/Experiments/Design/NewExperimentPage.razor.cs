using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Experiments;
using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Storage.Config;
using Microsoft.AspNetCore.Components;

namespace FailSmart.Web.Experiments.Design;

public sealed partial class NewExperimentPage
{
    private static readonly CultureInfo s_inv = CultureInfo.InvariantCulture;
    private static readonly string[] s_steps = ["Hypothesis", "Metrics", "Flag and variations", "Allocation", "Plan", "Review"];

    private readonly ExperimentDraft _draft = new();
    private List<MetricChoice> _metrics = [];
    private List<FlagChoice> _flags = [];
    private List<LayerChoice> _layers = [];
    private List<string> _segments = [];
    private IReadOnlyList<EnvironmentRecord> _environments = [];
    private ServiceProblem? _problem;
    private ServiceProblem? _ruleProblem;
    private string? _ruleFlag;
    private ChangeRequest? _pending;
    private string _baselineSource = "Choose a primary metric to read its recent data.";
    private bool _loaded;
    private bool _saving;
    private bool _sessionEnded;
    private int _step;
    private Feature? _feature;
    private ServiceProblem? _featureProblem;

    /// <summary>A feature to start from: its hypothesis fills the first step, and the experiment is linked to it once created.</summary>
    [SupplyParameterFromQuery(Name = "feature")]
    private string? FeatureQuery { get; set; }

    private string NewName => string.IsNullOrWhiteSpace(_draft.Key) ? "new experiment" : _draft.Key.Trim();

    private string LaunchHref => $"/experiments/{Uri.EscapeDataString(_draft.Key.Trim())}/launch";

    private (IReadOnlyList<PlanRow> Rows, IReadOnlyList<FieldProblem> Problems) Plan => ExperimentPlanner.Plan(_draft.PlanInput());

    /// <summary>The features the plan's factorial line is for: the launch's own, or two, for an A/B/n test that might become one.</summary>
    private int PlannedFeatures => _draft.IsFactorial
        ? Math.Clamp(_draft.Features.Count, Core.Model.FactorialDesign.MinFeatures, Core.Model.FactorialDesign.MaxFeatures)
        : Core.Model.FactorialDesign.MinFeatures;

    private string RunsOn => _draft.RuleFlags switch
    {
        [] => _draft.IsFactorial ? "No features picked yet" : "No flag yet: add the rule later",
        [var flag] when !_draft.IsFactorial => $"flag '{flag}' in {_draft.Environment}, rule '{_draft.RuleId}'",
        var flags => $"flags {string.Join(", ", flags.Select(f => $"'{f}'"))} in {_draft.Environment}, rule '{_draft.RuleId}' on each",
    };

    private string VariationsText => _draft.IsFactorial
        ? _draft.Features.Count is >= Core.Model.FactorialDesign.MinFeatures and <= Core.Model.FactorialDesign.MaxFeatures
            ? $"{1 << _draft.Features.Count} cells of a factorial launch ({Core.Model.FactorialCells.All(_draft.Features.Count)[0]} to {Core.Model.FactorialCells.All(_draft.Features.Count)[^1]}), {ExperimentDraft.Percent(1.0 / (1 << _draft.Features.Count))} each"
            : "Pick 2 to 5 features"
        : string.Join(", ", _draft.Variations.Select(v => $"{v.Key} {v.Percent.ToString("0.##", s_inv)}%"));

    private FieldProblem? PlanProblem(string field) => Plan.Problems.FirstOrDefault(p => p.Path == field);

    protected override async Task OnInitializedAsync()
    {
        _environments = await Environments.ListAsync();
        _draft.Environment = _environments.FirstOrDefault(e => e.Key == "production")?.Key ?? (_environments.Count > 0 ? _environments[0].Key : "production");
        _metrics = [.. (await AllAsync(ResourceKind.Metric)).Select(m => new MetricChoice(m.Key, Text(Parse(m.Document)?["type"]) ?? "mean", m.Archived))];
        _flags = [.. (await AllAsync(ResourceKind.Flag)).Where(f => !f.Archived).Select(f => FlagChoice.From(f.Key, Parse(f.Document)) ?? new FlagChoice(f.Key, [], []))];
        _layers = [.. (await AllAsync(ResourceKind.Layer)).Where(l => !l.Archived).Select(l => new LayerChoice(l.Key, Text(Parse(l.Document)?["hashAttribute"]) ?? "id"))];
        _segments = [.. (await AllAsync(ResourceKind.Segment)).Where(s => !s.Archived).Select(s => s.Key)];
        if (FeatureQuery is { Length: > 0 } featureKey && (await Features.GetAsync(featureKey)).Value is { Archived: false } feature)
        {
            _feature = feature;
            if (feature.Hypothesis is { } hypothesis)
            {
                _draft.UseHypothesis(hypothesis);
                await LoadBaselineAsync();
            }
        }

        _loaded = true;
    }

    private async Task PrimaryChangedAsync(string? metric)
    {
        _draft.PrimaryMetric = metric;
        _draft.Guardrails.Remove(metric ?? "");
        _draft.Secondaries.Remove(metric ?? "");
        await LoadBaselineAsync();
    }

    private async Task EnvironmentChangedAsync(string environment)
    {
        _draft.Environment = environment;
        await LoadBaselineAsync();
    }

    private void FlagChanged(string? flag)
    {
        _draft.Flag = flag;
        FlagChoice? choice = _flags.FirstOrDefault(f => f.Key == flag);
        _draft.UseVariations(choice?.Variations ?? []);
    }

    private void KindChanged(bool factorial)
    {
        _draft.IsFactorial = factorial;
    }

    // A problem with the features is answered by changing them, so it goes; any other stays until the next save.
    private void FeaturesChanged()
    {
        if (_problem is { } problem && problem.Errors.Any(IsAboutFeatures))
        {
            FieldProblem[] rest = [.. problem.Errors.Where(e => !IsAboutFeatures(e))];
            _problem = rest.Length == 0 ? null : ServiceProblems.Invalid(rest, problem.Status);
        }
    }

    private static bool IsAboutFeatures(FieldProblem problem) =>
        problem.Path.StartsWith("$.factorial", StringComparison.Ordinal) || problem.Path.StartsWith("$.variations", StringComparison.Ordinal);

    private void LayerChanged(string? layer)
    {
        _draft.Layer = layer;
        if (_layers.FirstOrDefault(l => l.Key == layer) is { } chosen)
        {
            _draft.HashAttribute = chosen.HashAttribute; // a layer keeps units apart only by its own attribute
        }
    }

    private static void Toggle(HashSet<string> set, string key, bool on)
    {
        if (on)
        {
            set.Add(key);
        }
        else
        {
            set.Remove(key);
        }
    }

    /// <summary>The primary metric's recent data where there is some; anything else (no data, no event store yet) means entering the numbers by hand.</summary>
    private async Task LoadBaselineAsync()
    {
        MetricChoice? metric = _metrics.FirstOrDefault(m => m.Key == _draft.PrimaryMetric);
        _draft.Proportion = metric?.IsRate == true;
        if (metric is null)
        {
            return;
        }

        ServiceResult<MetricBaselineResponse> result = await Results.BaselineAsync(new MetricBaselineQuery(metric.Key, _draft.Environment));
        if (result is { Succeeded: true, Value: { Units: > 0, Mean: { } mean } data })
        {
            _draft.Baseline = Math.Round(mean, 6);
            _draft.Variance = data.Variance is { } v ? Math.Round(v, 6) : null;
            _draft.UnitsPerDay = Math.Round(data.UnitsPerDay);
            _baselineSource = string.Create(s_inv, $"From '{metric.Key}' in {data.Environment} over {data.From:yyyy-MM-dd} to {data.To:yyyy-MM-dd}: {data.Units:N0} units. Change any number to plan for something else.");
        }
        else
        {
            _baselineSource = $"There is no recent data for '{metric.Key}' in {_draft.Environment} yet: enter its baseline{(_draft.Proportion ? "" : ", variance")} and daily units by hand.";
        }
    }

    private async Task SaveAsync()
    {
        _saving = true;
        try
        {
            _pending = null;
            _ruleProblem = null;
            _ruleFlag = null;
            Caller? caller = await UiCaller.GetAsync();
            if (caller is null)
            {
                _sessionEnded = true;
                return;
            }

            // The features' flags as they are now, not as the page was opened: nothing is written for a launch whose flags are gone.
            if (_draft.MissingFeatures(await ExistingFeatureFlagsAsync()) is { Count: > 0 } missing)
            {
                _problem = ServiceProblems.Invalid(missing);
                _step = 2;
                return;
            }

            using JsonDocument experiment = JsonDocument.Parse(_draft.ToExperiment().ToJsonString());
            ServiceResult<StoredResource> created = await Resources.CreateAsync(caller, ResourceKind.Experiment, experiment.RootElement);
            _problem = created.Problem;
            if (created.Problem is { } problem)
            {
                _step = StepOf(problem);
                return;
            }

            if (created.Outcome == ServiceOutcome.PendingApproval)
            {
                _pending = created.Request;
                return;
            }

            if (_feature is not null && created.Outcome == ServiceOutcome.Created && await LinkToFeatureAsync(caller) is false)
            {
                return;
            }

            foreach (string flag in _draft.RuleFlags)
            {
                if (await AddRuleAsync(caller, flag) is false)
                {
                    return;
                }
            }

            Navigation.NavigateTo(LaunchHref);
        }
        finally
        {
            _saving = false;
        }
    }

    /// <summary>Links the new experiment to the feature it was started from; false when it was not (the page says why).</summary>
    private async Task<bool> LinkToFeatureAsync(Caller caller)
    {
        Feature? current = (await Features.GetAsync(_feature!.Key)).Value;
        ServiceResult<Feature>? linked = current is null ? null
            : await Features.UpdateAsync(caller, current.Key, current.WithLink(FeatureLinkKind.Experiment, _draft.Key.Trim()), current.Version);
        _featureProblem = linked is null ? ServiceProblems.NotFound("feature", _feature.Key) : linked.Problem;
        return _featureProblem is null;
    }

    /// <summary>Which of the launch's features' flags exist unarchived, read now.</summary>
    private async Task<IReadOnlySet<string>> ExistingFeatureFlagsAsync()
    {
        var existing = new HashSet<string>(StringComparer.Ordinal);
        foreach (string flag in _draft.IsFactorial ? _draft.RuleFlags : [])
        {
            if (await Resources.GetAsync(ResourceKind.Flag, flag) is { Archived: false })
            {
                existing.Add(flag);
            }
        }

        return existing;
    }

    /// <summary>Appends the rule that runs the experiment to a flag; false when it was not written (the page says why).</summary>
    private async Task<bool> AddRuleAsync(Caller caller, string flagKey)
    {
        _ruleFlag = flagKey;
        StoredResource? flag = await Resources.GetAsync(ResourceKind.Flag, flagKey);
        JsonObject? document = flag is null ? null : _draft.WithRule(flag.Document, flag.Tags);
        if (flag is null || document is null)
        {
            _ruleProblem = ServiceProblems.Invalid("environment", $"Flag '{flagKey}' has no environment '{_draft.Environment}'.", "Choose an environment the flag has.");
            return false;
        }

        using JsonDocument body = JsonDocument.Parse(document.ToJsonString());
        ServiceResult<StoredResource> updated = await Resources.UpdateAsync(caller, ResourceKind.Flag, flag.Key, body.RootElement, flag.Version);
        _ruleProblem = updated.Problem;
        if (updated.Outcome == ServiceOutcome.PendingApproval)
        {
            _pending = updated.Request;
            return false;
        }

        return updated.Problem is null;
    }

    /// <summary>The wizard step that holds the field a problem names, so it is shown next to that field.</summary>
    private static int StepOf(ServiceProblem problem)
    {
        string path = problem.Errors.Count > 0 ? problem.Errors[0].Path : "$.key";
        return path switch
        {
            _ when path.StartsWith("$.metrics[0]", StringComparison.Ordinal) => 0,
            _ when path.StartsWith("$.metrics", StringComparison.Ordinal) => 1,
            _ when path.StartsWith("$.variations", StringComparison.Ordinal) || path.StartsWith("$.hashAttribute", StringComparison.Ordinal)
                || path.StartsWith("$.factorial", StringComparison.Ordinal) => 2,
            _ when path.StartsWith("$.layer", StringComparison.Ordinal) || path.StartsWith("$.coverage", StringComparison.Ordinal) => 3,
            _ => 0,
        };
    }

    private async Task<List<StoredResource>> AllAsync(ResourceKind kind)
    {
        var all = new List<StoredResource>();
        for (int offset = 0; ; offset += 200)
        {
            ResourcePage? page = (await Resources.ListAsync(new ResourceListRequest(kind, Offset: offset, Limit: 200))).Value;
            all.AddRange(page?.Items ?? []);
            if (page is null || offset + 200 >= page.Total)
            {
                return all;
            }
        }
    }

    private static JsonNode? Parse(string document)
    {
        try
        {
            return JsonNode.Parse(document);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text : null;
}
