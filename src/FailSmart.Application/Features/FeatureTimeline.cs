using System.Text.Json;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Features;

/// <summary>
/// Builds a feature's timeline from its decisions and the audit entries of the flags and experiments it links
/// to. Pure: the same inputs give the same timeline, so it is tested on lists.
/// </summary>
public static class FeatureTimeline
{
    public static FeatureTimelineView Build(Feature feature, IReadOnlyList<FeatureDecision> decisions, IReadOnlyList<AuditEntry> audit)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(decisions);
        ArgumentNullException.ThrowIfNull(audit);
        FeatureDecision[] ordered = [.. decisions.OrderBy(d => d.At).ThenBy(d => d.Id)];

        var phases = new List<FeaturePhaseSpan>();
        var open = new FeaturePhaseSpan(FeaturePhase.Think, feature.CreatedAt, null);
        foreach (FeatureDecision decision in ordered.Where(d => d.To != d.From))
        {
            phases.Add(open with { End = decision.At });
            open = new FeaturePhaseSpan(decision.To, decision.At, null);
        }

        phases.Add(open);

        var events = new List<FeatureTimelineEvent> { new(feature.CreatedAt, "created", feature.Key, "Feature created", feature.Problem, feature.CreatedBy) };
        foreach (FeatureDecision decision in ordered)
        {
            events.Add(new FeatureTimelineEvent(decision.At, "decision", feature.Key, DecisionTitle(decision), decision.Reason, decision.Actor,
                decision.Id, decision.Evidence.Override is not null));
            foreach (ExperimentEvidence result in decision.Evidence.Experiments.Where(e => e.Verdict is not null))
            {
                events.Add(new FeatureTimelineEvent(result.ComputedAt ?? decision.At, "result", result.Key,
                    $"Results: {result.Verdict} (phase {result.Phase}, {result.Environment})", result.VerdictReason, decision.Actor, decision.Id));
            }
        }

        events.AddRange(audit.Where(a => a.Kind != "feature").Select(Describe).OfType<FeatureTimelineEvent>());
        // Stable: at the same moment, the order above holds (a decision before the results it froze).
        return new FeatureTimelineView(phases, [.. events.Select((e, i) => (e, i)).OrderBy(p => p.e.At).ThenBy(p => p.i).Select(p => p.e)]);
    }

    public static string DecisionTitle(FeatureDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        return decision.Decision switch
        {
            FeatureDecisionKind.Advance => $"Advanced {decision.From} → {decision.To}",
            FeatureDecisionKind.Iterate => $"Iterated in {decision.From}",
            FeatureDecisionKind.Stop => $"Stopped in {decision.From}",
            _ => $"Restarted in {decision.To}",
        };
    }

    private static FeatureTimelineEvent? Describe(AuditEntry entry)
    {
        string? where = entry.Environment is { } environment ? $" in {environment}" : null;
        string? title = (entry.Kind, entry.Action) switch
        {
            ("flag", "create") => "Flag created",
            ("flag", "toggle" or "flag.toggle") => Enabled(entry.After, entry.Environment) switch
            {
                true => $"Flag turned on{where}",
                false => $"Flag turned off{where}",
                null => $"Flag toggled{where}",
            },
            ("flag", "update") => $"Flag rules changed{where}",
            ("flag", "archive") => "Flag archived",
            ("flag", "unarchive") => "Flag unarchived",
            ("flag", _) when entry.Action.StartsWith("rollout.", StringComparison.Ordinal) => $"Rollout {entry.Action["rollout.".Length..].Replace('-', ' ')}{where}",
            ("experiment", "create") => "Experiment created",
            ("experiment", "update") => ExperimentChange(entry.Before, entry.After),
            ("experiment", "archive") => "Experiment archived",
            ("experiment", "unarchive") => "Experiment unarchived",
            _ => null,
        };
        if (title is null)
        {
            return null;
        }

        string kind = entry.Action.StartsWith("rollout.", StringComparison.Ordinal) ? "rollout" : entry.Kind;
        return new FeatureTimelineEvent(entry.At, kind, entry.Key, title, entry.Reason, entry.Actor);
    }

    private static string ExperimentChange(string? before, string? after)
    {
        (string? statusBefore, int? phaseBefore) = ExperimentState(before);
        (string? statusAfter, int? phaseAfter) = ExperimentState(after);
        if (phaseAfter > phaseBefore)
        {
            return $"Experiment entered phase {phaseAfter}";
        }

        return (statusBefore, statusAfter) switch
        {
            (not "running", "running") => "Experiment started",
            ("running", "stopped") => "Experiment stopped",
            _ => "Experiment changed",
        };
    }

    private static (string? Status, int? Phase) ExperimentState(string? document)
    {
        if (document is null)
        {
            return (null, null);
        }

        try
        {
            using JsonDocument parsed = JsonDocument.Parse(document);
            JsonElement root = parsed.RootElement;
            string? status = root.TryGetProperty("status", out JsonElement s) && s.ValueKind == JsonValueKind.String ? s.GetString()?.ToLowerInvariant() : null;
            int? phase = root.TryGetProperty("phase", out JsonElement p) && p.ValueKind == JsonValueKind.Number && p.TryGetInt32(out int n) ? n : null;
            return (status, phase);
        }
        catch (JsonException)
        {
            return (null, null);
        }
    }

    private static bool? Enabled(string? document, string? environment)
    {
        if (document is null || environment is null)
        {
            return null;
        }

        try
        {
            using JsonDocument parsed = JsonDocument.Parse(document);
            return parsed.RootElement.TryGetProperty("environments", out JsonElement environments)
                && environments.TryGetProperty(environment, out JsonElement state)
                && state.TryGetProperty("enabled", out JsonElement enabled) && enabled.ValueKind is JsonValueKind.True or JsonValueKind.False
                ? enabled.GetBoolean()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
