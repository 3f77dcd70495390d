using System.Globalization;
using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>
/// Says what happens next to a guarded rollout and when, from its plan, its state, its last readings and
/// its history. It mirrors <see cref="GuardedRolloutPolicy"/>'s rules (minimum time and units, the
/// margin before the last stage, approvals, the maximum time) without deciding anything: the engine's
/// next look does. Pure, so the page and the API show the same sentence for the same rollout.
/// </summary>
internal static class RolloutNext
{
    private static readonly string[] s_engineOpenings = ["Rolled back: the feature is served to nobody.", "Paused."];

    public static RolloutNextStep Of(RolloutState state, RolloutPlan? plan, RolloutReadings? readings, IReadOnlyList<AuditEntry> history, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(state);
        ArgumentNullException.ThrowIfNull(history);
        switch (state.Status)
        {
            case RolloutStatus.RolledBack:
                return new(RolloutNextKind.RolledBack, Told(history, "rollout.rollback", "Rolled back") +
                    " The feature is served to nobody; start a new rollout to try again.");
            case RolloutStatus.HoldbackEnded:
                return new(RolloutNextKind.Done, "Done: the holdback ended, so everyone gets the feature.");
            case RolloutStatus.Completed:
                string held = plan is null ? "The holdback" : $"The {RolloutText.Stage(plan.Holdback)} holdback";
                return new(RolloutNextKind.Holdback,
                    $"Complete. {held} is compared with everyone who got the feature until someone ends the holdback.");
        }

        if (plan is null || plan.Stages.Count == 0)
        {
            return new(RolloutNextKind.NoPlan, "The flag no longer has this rule's plan, so nothing moves it; edit the flag to add the plan back or remove the rule.");
        }

        if (state.Status == RolloutStatus.Paused)
        {
            return new(RolloutNextKind.Paused, Told(history, "rollout.pause", "Paused") +
                " Nothing climbs until someone resumes it; harm still rolls it back.");
        }

        int index = Math.Clamp(state.StageIndex, 0, plan.Stages.Count - 1);
        RolloutPlanStage stage = plan.Stages[index];
        DateTimeOffset earliest = state.StageStartedAt + stage.MinDuration;
        string when = earliest > now ? $"at the earliest on {When(earliest)}" : "at the engine's next look";
        IReadOnlyList<GateReading> gates = readings?.Gates ?? [];
        // Before the engine's first look there are no readings: the plan's metrics say whether any guardrail watches.
        bool watched = readings is null ? plan.Metrics.Count > 0 : gates.Count > 0;
        string noHarm = watched ? "no guardrail shows harm" : "";

        if (index == plan.Stages.Count - 1)
        {
            string unless = noHarm.Length == 0 ? "" : $" if {noHarm}";
            return new(RolloutNextKind.Complete,
                $"Completes {when}{unless}; the {RolloutText.Stage(plan.Holdback)} holdback stays.", Max(earliest, now));
        }

        RolloutPlanStage next = plan.Stages[index + 1];
        string nextAt = RolloutText.Stage(next.Fraction);
        long unitsIn = readings?.UnitsIn ?? 0;
        bool approved = state.ApprovedBy is not null;
        var lacking = new List<string>(2);
        if (unitsIn < stage.MinUnits)
        {
            lacking.Add($"{RolloutText.Count(stage.MinUnits)} units have the feature ({RolloutText.Count(unitsIn)} so far)");
        }

        // Entering the last stage also needs every guardrail to rule out harm beyond its margin, unless a person approved.
        GateReading[] open = index + 1 == plan.Stages.Count - 1 && !approved ? [.. gates.Where(g => !g.NonInferiorityShown)] : [];
        if (open.Length > 0)
        {
            string more = open.Length > 1 ? $" (and {open.Length - 1} more)" : "";
            lacking.Add($"{open[0].MetricKey} rules out harm beyond its margin{more}");
        }

        string needs = string.Join(" and ", lacking.Append(noHarm).Where(p => p.Length > 0));
        string once = needs.Length == 0 ? "" : " once " + needs;
        DateTimeOffset? pausesAt = stage.MaxDuration is { } max && (lacking.Count > 0 || earliest > now) ? state.StageStartedAt + max : null;
        string pauses = pausesAt is { } p && lacking.Count > 0 ? $" If it still lacks that on {When(p)}, it pauses." : "";
        string by = approved ? $" (approved by {state.ApprovedBy})" : "";

        if (next.RequiresApproval && !approved)
        {
            string text = state.Status == RolloutStatus.AwaitingApproval
                ? $"Waits for a person's approval to advance to {nextAt}; once approved it advances at the engine's next look{(noHarm.Length == 0 ? "" : " if " + noHarm)}."
                : $"Waits for approval: advances to {nextAt} only once a person approves, {when}{once}.{pauses}";
            return new(RolloutNextKind.AwaitApproval, text, Max(earliest, now), pausesAt);
        }

        return new(RolloutNextKind.Advance, $"Advances to {nextAt}{by} {when}{once}.{pauses}", Max(earliest, now), pausesAt);
    }

    // "Paused by ada@example.com on 2026-12-07 10:00 UTC: checkout errors rose." from the command's audit entry.
    private static string Told(IReadOnlyList<AuditEntry> history, string action, string what)
    {
        AuditEntry? entry = history.LastOrDefault(e => e.Action == action);
        if (entry is null)
        {
            return what + ".";
        }

        string who = entry.Actor == RolloutEngineOptions.Actor ? "the rollout engine" : entry.Actor;
        string reason = Reason(entry.Reason);
        return reason.Length == 0 ? $"{what} by {who} on {When(entry.At)}." : $"{what} by {who} on {When(entry.At)}: {reason}";
    }

    // A rollout's audit reasons start with its rule id ("r1: …"); the sentence wants what the person wrote.
    private static string Reason(string? reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            return "";
        }

        int colon = reason.IndexOf(": ", StringComparison.Ordinal);
        string text = (colon >= 0 ? reason[(colon + 2)..] : reason).Trim();
        // The engine's own entries begin with what it did, which the sentence already says.
        foreach (string said in s_engineOpenings)
        {
            if (text.StartsWith(said, StringComparison.Ordinal))
            {
                text = text[said.Length..].TrimStart();
            }
        }

        return text.EndsWith('.') || text.EndsWith('!') || text.EndsWith('?') ? text : text + ".";
    }

    private static DateTimeOffset Max(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
