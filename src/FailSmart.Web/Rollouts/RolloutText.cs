using System.Globalization;
using FailSmart.Application.Rollouts;
using FailSmart.Storage.Config;

namespace FailSmart.Web.Rollouts;

/// <summary>How the rollout pages word statuses, stages and commands.</summary>
internal static class RolloutText
{
    public static string Href(RolloutKey key) =>
        $"/rollouts/{Uri.EscapeDataString(key.Environment)}/{Uri.EscapeDataString(key.Flag)}/{Uri.EscapeDataString(key.Rule)}";

    public static string Status(RolloutStatus status) => status switch
    {
        RolloutStatus.Running => "Running",
        RolloutStatus.AwaitingApproval => "Awaiting approval",
        RolloutStatus.Paused => "Paused",
        RolloutStatus.RolledBack => "Rolled back",
        RolloutStatus.Completed => "Completed",
        RolloutStatus.HoldbackEnded => "Holdback ended",
        _ => status.ToString(),
    };

    /// <summary>"10% of 99%": the stage, a share of the units not held back, and that share.</summary>
    public static string Stage(RolloutView view) =>
        view.StageFraction is { } stage && view.Plan is { } plan
            ? $"{Percent(stage)} of {Percent(1 - plan.Holdback)}"
            : "—";

    public static string Percent(double fraction) => (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";

    public static string Change(double relative) => relative.ToString("+0.##%;-0.##%;0%", CultureInfo.InvariantCulture);

    public static string When(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    public static string Duration(TimeSpan span) =>
        span.TotalDays >= 1 && span.TotalDays == Math.Floor(span.TotalDays) ? $"{span.TotalDays:0} d"
        : span.TotalHours >= 1 ? $"{span.TotalHours:0.#} h"
        : $"{span.TotalMinutes:0.#} min";

    /// <summary>"at least 1 d and 1,000 units, needs approval".</summary>
    public static string Needs(RolloutStageView stage) =>
        $"at least {Duration(stage.MinDuration)} and {stage.MinUnits.ToString("N0", CultureInfo.InvariantCulture)} units" + (stage.RequiresApproval ? ", needs approval" : "");

    /// <summary>Where a stage stands: done, now, next, later; "stopped" where a rollback happened, "never" after it.</summary>
    public static string Place(RolloutView view, RolloutStageView stage)
    {
        int current = view.State.StageIndex;
        return view.State.Status switch
        {
            RolloutStatus.Completed or RolloutStatus.HoldbackEnded => "done",
            RolloutStatus.RolledBack when stage.Index == current => "stopped",
            RolloutStatus.RolledBack when stage.Index > current => "never",
            _ when stage.Index < current => "done",
            _ when stage.Index == current => "now",
            _ when stage.Index == current + 1 => "next",
            _ => "later",
        };
    }

    public static string PlaceName(string place) => place switch
    {
        "done" => "Done",
        "now" => "Now",
        "next" => "Next",
        "stopped" => "Rolled back here",
        "never" => "Not reached",
        _ => "Later",
    };

    public static string NextLabel(RolloutNextKind kind) => kind switch
    {
        RolloutNextKind.Advance => "Next",
        RolloutNextKind.Complete => "Next: completes",
        RolloutNextKind.AwaitApproval => "Waits for approval",
        RolloutNextKind.Paused => "Paused",
        RolloutNextKind.RolledBack => "Rolled back",
        RolloutNextKind.Holdback => "Complete: holdback measured",
        RolloutNextKind.Done => "Done",
        _ => "Stopped",
    };

    public static string NextClass(RolloutNextKind kind) => kind switch
    {
        RolloutNextKind.AwaitApproval => "await-approval",
        RolloutNextKind.Paused => "paused",
        RolloutNextKind.RolledBack or RolloutNextKind.NoPlan => "rolled-back",
        RolloutNextKind.Holdback => "holdback",
        RolloutNextKind.Done => "done",
        _ => "advance",
    };

    /// <summary>A gate's state in words: harm shown, no harm beyond the margin, holding (not yet decided either way).</summary>
    public static (string Text, string Css) Gate(GateReading gate) =>
        gate.HarmShown ? ("Harm shown", "harm")
        : gate.NonInferiorityShown ? ("No harm beyond the margin", "ok")
        : double.IsFinite(gate.Lower) && double.IsFinite(gate.Upper) ? ("Holding: not yet decided", "open")
        : ("Not enough units yet", "open");

    public static string Units(long units) => units.ToString("N0", CultureInfo.InvariantCulture);

    public static string Interval(GateReading gate) =>
        double.IsFinite(gate.Lower) && double.IsFinite(gate.Upper) ? $"{Change(gate.Lower)} to {Change(gate.Upper)}" : "—";

    public static string Estimate(double relative) => double.IsFinite(relative) ? Change(relative) : "—";

    /// <summary>"rollout.await-approval" → "await approval".</summary>
    public static string Action(string action) =>
        (action.StartsWith("rollout.", StringComparison.Ordinal) ? action["rollout.".Length..] : action).Replace('-', ' ');

    /// <summary>A rollout's audit reason without the rule id it starts with (the audit log has no rule column).</summary>
    public static string? Reason(string? reason, string rule) =>
        reason is not null && reason.StartsWith(rule + ": ", StringComparison.Ordinal) ? reason[(rule.Length + 2)..] : reason;

    public static string Command(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => "Pause",
        RolloutCommand.Resume => "Resume",
        RolloutCommand.Skip => "Skip to the next stage",
        RolloutCommand.RollBack => "Roll back",
        RolloutCommand.Approve => "Approve the next stage",
        RolloutCommand.EndHoldback => "End the holdback",
        _ => command.ToString(),
    };
}
