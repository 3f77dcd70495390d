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
