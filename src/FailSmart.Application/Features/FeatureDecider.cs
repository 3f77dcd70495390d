using System.Text.Json;
using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Application.Rollouts;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Application.Features;

/// <summary>
/// Records phase decisions: checks the decision and its evidence, applies the gates of the phase entered,
/// freezes a snapshot of every experiment's results and rollout's state named, and writes the decision and
/// the new phase together (compare-and-set on the feature's version).
/// </summary>
internal sealed class FeatureDecider(
    IFeatureStore store,
    IConfigStore config,
    IExperimentResultsService results,
    IRolloutService rollouts,
    IOptions<FeatureGateOptions> gates,
    TimeProvider time)
{
    public const int MaxReason = 2_000;
    public const int MaxEvidence = 20;

    public async Task<ServiceResult<FeatureDecision>> DecideAsync(Caller caller, string key, FeatureDecisionInput input, long? expectedVersion, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(input);
        if (!caller.CanEdit)
        {
            return ServiceProblems.Forbidden("Viewers read features and their decisions; ask an editor or an administrator to decide.");
        }

        if (await store.GetFeatureAsync(key, cancellationToken) is not { } record)
        {
            return ServiceProblems.NotFound("feature", key);
        }

        var problems = new List<FieldProblem>();
        FeatureDecisionKind? kind = ParseDecision(input.Decision, problems);
        CheckText(problems, "$.reason", input.Reason, MaxReason, "Say why, in a sentence or two: what you learnt and what it means for the feature.");
        if (input.Override is not null)
        {
            CheckText(problems, "$.override", input.Override, MaxReason, "Say why the gate should not hold this time, or leave override out.");
        }

        FeatureEvidenceInput evidence = input.Evidence ?? new FeatureEvidenceInput();
        int items = (evidence.Experiments?.Count ?? 0) + (evidence.Rollouts?.Count ?? 0) + (evidence.Notes?.Count ?? 0) + (evidence.Links?.Count ?? 0);
        if (items > MaxEvidence)
        {
            problems.Add(new("$.evidence", $"{items} pieces of evidence are more than {MaxEvidence}.", "Name the experiments, rollouts, notes and links the decision relies on most."));
            return ServiceProblems.Invalid(problems);
        }

        CheckNotesAndLinks(problems, evidence);
        List<ExperimentEvidence> experiments = await FreezeExperimentsAsync(problems, evidence.Experiments ?? [], cancellationToken);
        List<RolloutEvidence> frozenRollouts = await FreezeRolloutsAsync(problems, evidence.Rollouts ?? [], cancellationToken);
        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        Feature current = FeatureDocuments.Read(record);
        if (current.Archived)
        {
            return ServiceProblems.Archived("feature", "features", key, current.Version);
        }

        long expected = expectedVersion ?? current.Version;
        if (expected != current.Version)
        {
            return ServiceProblems.StaleVersion("feature", key, current.Version);
        }

        (FeaturePhase? to, ServiceProblem? refused) = await TargetAsync(caller, current, kind!.Value, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        GateOverride? overridden = null;
        if (kind == FeatureDecisionKind.Advance)
        {
            FeatureGateFacts facts = await FactsAsync(current, items > 0, cancellationToken);
            IReadOnlyList<GateRefusal> refusals = FeatureGates.Check(current, to!.Value, gates.Value.For(to.Value), facts);
            if (refusals.Count > 0)
            {
                if (input.Override is null)
                {
                    return GateProblem(refusals, to.Value);
                }

                if (caller.Role != CallerRole.Admin || !gates.Value.AllowAdminOverride)
                {
                    return ServiceProblems.Forbidden(gates.Value.AllowAdminOverride
                        ? "Only an administrator may decide past a gate. Satisfy the gate, or ask an administrator to override with a reason."
                        : "This installation does not allow deciding past a gate (Lifecycle:Gates:AllowAdminOverride is false). Satisfy the gate.");
                }

                overridden = new GateOverride([.. refusals.Select(r => r.Gate)], input.Override.Trim(), caller.Actor);
            }
        }

        var frozen = new FeatureEvidence(
            time.GetUtcNow(), experiments, frozenRollouts,
            [.. (evidence.Notes ?? []).Select(n => n!.Trim())], [.. (evidence.Links ?? []).Select(l => l!.Trim())], overridden);
        Feature moved = current with { Phase = to!.Value };
        FeatureDecisionRecord? written = await store.RecordDecisionAsync(key, expected, new NewFeatureDecision(
            FeatureDecisionDocuments.StoredName(kind.Value), FeatureDocuments.PhaseName(to.Value), input.Reason!.Trim(),
            FeatureDecisionDocuments.WriteEvidence(frozen), FeatureDocuments.Write(moved), caller.Actor), cancellationToken);
        if (written is null)
        {
            FeatureRecord? now = await store.GetFeatureAsync(key, cancellationToken);
            return now is null ? ServiceProblems.NotFound("feature", key) : ServiceProblems.StaleVersion("feature", key, now.Version);
        }

        return new ServiceResult<FeatureDecision>(ServiceOutcome.Created, FeatureDecisionDocuments.Read(written));
    }

    private async Task<(FeaturePhase? To, ServiceProblem? Problem)> TargetAsync(Caller caller, Feature feature, FeatureDecisionKind kind, CancellationToken cancellationToken)
    {
        if (feature.Phase == FeaturePhase.Stopped && kind != FeatureDecisionKind.Restart)
        {
            return (null, Conflict($"'{feature.Key}' is stopped, and a stopped feature stays stopped.",
                "An administrator may restart it with decision \"restart\" and a reason; it goes back to the phase it was stopped in."));
        }

        switch (kind)
        {
            case FeatureDecisionKind.Advance when feature.Phase == FeaturePhase.Maintain:
                return (null, Conflict($"'{feature.Key}' is in Maintain, the last phase.", "Iterate to record another look, or stop it when it is no longer worth what it costs to keep."));
            case FeatureDecisionKind.Advance:
                return (feature.Phase + 1, null);
            case FeatureDecisionKind.Iterate:
                return (feature.Phase, null);
            case FeatureDecisionKind.Stop:
                return (FeaturePhase.Stopped, null);
            default:
                if (feature.Phase != FeaturePhase.Stopped)
                {
                    return (null, Conflict($"'{feature.Key}' is in {feature.Phase}, not stopped.", "Only a stopped feature is restarted; advance, iterate or stop this one."));
                }

                if (caller.Role != CallerRole.Admin)
                {
                    return (null, ServiceProblems.Forbidden("Only an administrator may restart a stopped feature, with a reason."));
                }

                IReadOnlyList<FeatureDecisionRecord> decisions = await store.ListDecisionsAsync(feature.Key, cancellationToken);
                FeatureDecisionRecord? stop = decisions.LastOrDefault(d => d.ToPhase == FeatureDocuments.PhaseName(FeaturePhase.Stopped));
                return (stop is null ? FeaturePhase.Think : FeatureDocuments.ParsePhase(stop.FromPhase), null);
        }
    }

    private async Task<FeatureGateFacts> FactsAsync(Feature feature, bool namesEvidence, CancellationToken cancellationToken)
    {
        bool running = false;
        foreach (FeatureLink link in feature.Links.Where(l => l.Kind == FeatureLinkKind.Experiment))
        {
            if (await config.GetAsync(ResourceKind.Experiment, link.Key, cancellationToken) is { Archived: false } experiment && IsRunning(experiment.Document))
            {
                running = true;
                break;
            }
        }

        var flags = feature.Links.Where(l => l.Kind is FeatureLinkKind.Flag or FeatureLinkKind.Rollout).ToList();
        bool guarded = false;
        if (flags.Count > 0)
        {
            IReadOnlyList<RolloutView> all = await rollouts.ListAsync(cancellationToken: cancellationToken);
            guarded = all.Any(r => r.State.Status is RolloutStatus.Running or RolloutStatus.AwaitingApproval or RolloutStatus.Paused
                && flags.Any(l => l.Key == r.State.Key.Flag
                    && (l.Kind == FeatureLinkKind.Flag || (l.Environment == r.State.Key.Environment && (l.Rule is null || l.Rule == r.State.Key.Rule)))));
        }

        return new FeatureGateFacts(running, guarded, namesEvidence);
    }

    private static bool IsRunning(string document)
    {
        using JsonDocument parsed = JsonDocument.Parse(document);
        return parsed.RootElement.TryGetProperty("status", out JsonElement status) && status.ValueKind == JsonValueKind.String
            && string.Equals(status.GetString(), "running", StringComparison.OrdinalIgnoreCase);
    }

    private async Task<List<ExperimentEvidence>> FreezeExperimentsAsync(List<FieldProblem> problems, IReadOnlyList<ExperimentEvidenceInput?> inputs, CancellationToken cancellationToken)
    {
        var frozen = new List<ExperimentEvidence>();
        for (int i = 0; i < inputs.Count; i++)
        {
            string path = $"$.evidence.experiments[{i}]";
            if (inputs[i] is not { Key: { } key } input || !ResourceKeys.IsValid(key))
            {
                problems.Add(new(path + ".key", "An experiment's key is required.", "Name an experiment by its key, such as {\"key\": \"checkout-dates\", \"environment\": \"production\"}."));
                continue;
            }

            // Refresh: the snapshot is what the data says now, not what a cache held.
            ServiceResult<ExperimentResultsResponse> answer = await results.GetAsync(
                new ResultsQuery(key, input.Environment ?? "production", input.Phase, Refresh: true), cancellationToken);
            if (answer.Problem is { } problem)
            {
                FieldProblem? first = problem.Errors.Count > 0 ? problem.Errors[0] : null;
                string field = first?.Path is "environment" or "phase" ? "." + first.Path : ".key";
                problems.Add(new(path + field, first?.Message ?? problem.Detail, first?.Hint ?? "Name an experiment with results (see GET /api/v1/experiments)."));
                continue;
            }

            ExperimentResultsResponse result = answer.Value!;
            frozen.Add(new ExperimentEvidence(
                result.Experiment, result.Environment, result.Phase, result.Verdict?.Decision, result.Verdict?.Reason, result.ComputedAt ?? result.AnalyzedAt,
                FeatureDecisionDocuments.Snapshot(result)));
        }

        return frozen;
    }

    private async Task<List<RolloutEvidence>> FreezeRolloutsAsync(List<FieldProblem> problems, IReadOnlyList<RolloutEvidenceInput?> inputs, CancellationToken cancellationToken)
    {
        var frozen = new List<RolloutEvidence>();
        IReadOnlyList<RolloutView>? all = null;
        for (int i = 0; i < inputs.Count; i++)
        {
            string path = $"$.evidence.rollouts[{i}]";
            if (inputs[i] is not { } input || string.IsNullOrWhiteSpace(input.Flag) || string.IsNullOrWhiteSpace(input.Environment))
            {
                problems.Add(new(path, "A rollout needs its flag and environment.", "Send {\"flag\": \"…\", \"environment\": \"production\"}, and rule when the flag has several rollouts there."));
                continue;
            }

            all ??= await rollouts.ListAsync(cancellationToken: cancellationToken);
            RolloutView[] matching = [.. all.Where(r => r.State.Key.Flag == input.Flag && r.State.Key.Environment == input.Environment
                && (input.Rule is null || r.State.Key.Rule == input.Rule))];
            if (matching.Length != 1)
            {
                problems.Add(new(path, matching.Length == 0
                        ? $"There is no guarded rollout of '{input.Flag}' in '{input.Environment}'{(input.Rule is null ? "" : $" on rule '{input.Rule}'")}."
                        : $"'{input.Flag}' has {matching.Length} rollouts in '{input.Environment}'.",
                    matching.Length == 0 ? "List rollouts with GET /api/v1/rollouts." : "Name the rule: one of " + string.Join(", ", matching.Select(m => m.State.Key.Rule)) + "."));
                continue;
            }

            RolloutView view = matching[0];
            JsonElement? readings = view.State.LastReadings is { } json ? JsonDocument.Parse(json).RootElement.Clone() : null;
            frozen.Add(new RolloutEvidence(
                view.State.Key.Flag, view.State.Key.Environment, view.State.Key.Rule, FeatureDecisionDocuments.StatusName(view.State.Status),
                view.State.StageIndex + 1, view.StageFraction, view.State.LastMove, view.State.LastReason, view.State.LookedAt, readings));
        }

        return frozen;
    }

    private static void CheckNotesAndLinks(List<FieldProblem> problems, FeatureEvidenceInput evidence)
    {
        IReadOnlyList<string?> notes = evidence.Notes ?? [];
        for (int i = 0; i < notes.Count; i++)
        {
            CheckText(problems, $"$.evidence.notes[{i}]", notes[i], MaxReason, "Write the note, or leave it out.");
        }

        IReadOnlyList<string?> links = evidence.Links ?? [];
        for (int i = 0; i < links.Count; i++)
        {
            if (links[i] is not { } link || link.Length > 2_000 || !Uri.TryCreate(link.Trim(), UriKind.Absolute, out Uri? uri) || uri.Scheme is not ("http" or "https"))
            {
                problems.Add(new($"$.evidence.links[{i}]", "A link must be an http or https address.", "Send a full address such as \"https://wiki.example.com/checkout-study\"."));
            }
        }
    }

    private static FeatureDecisionKind? ParseDecision(string? decision, List<FieldProblem> problems)
    {
        if (FeatureDecisionDocuments.TryParseDecision(decision, out FeatureDecisionKind kind))
        {
            return kind;
        }

        problems.Add(new("$.decision", decision is null ? "decision is required." : $"'{(decision.Length > 40 ? decision[..40] + "…" : decision)}' is not a decision.",
            "Send advance (to the next phase), iterate (stay and go round again), stop, or restart (administrators, for a stopped feature)."));
        return null;
    }

    private static void CheckText(List<FieldProblem> problems, string path, string? value, int max, string hint)
    {
        string name = path[(path.LastIndexOf('.') + 1)..];
        if (string.IsNullOrWhiteSpace(value))
        {
            problems.Add(new(path, $"{name} is required.", hint));
        }
        else if (value.Length > max)
        {
            problems.Add(new(path, $"{name} has {value.Length} characters, more than {max}.", $"Shorten it to at most {max} characters."));
        }
    }

    private static ServiceProblem Conflict(string detail, string hint) =>
        new(409, "This decision does not apply to the feature's phase.", $"{detail} {hint}", [new FieldProblem("$.decision", detail, hint)]);

    private static ServiceProblem GateProblem(IReadOnlyList<GateRefusal> refusals, FeaturePhase phase) =>
        new(409, $"A gate refuses entering {phase}.",
            string.Join(" ", refusals.Select(r => $"{r.Message} {r.Hint}")),
            [.. refusals.Select(r => new FieldProblem("$.decision", $"Gate {r.Gate}: {r.Message}", r.Hint))]);
}
