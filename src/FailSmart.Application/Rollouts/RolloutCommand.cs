using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>What a person may tell a guarded rollout to do.</summary>
public enum RolloutCommand
{
    /// <summary>Stop climbing; the stage keeps serving.</summary>
    Pause,

    /// <summary>Climb again after a pause; the stage's clock starts again.</summary>
    Resume,

    /// <summary>Enter the next stage now, without waiting for what the stage needs.</summary>
    Skip,

    /// <summary>Stop serving the feature; the holdback stays.</summary>
    RollBack,

    /// <summary>Allow the engine to enter the next stage, which needs a person's approval.</summary>
    Approve,

    /// <summary>After completion: remove the plan, so the holdback gets the feature too.</summary>
    EndHoldback,
}

/// <summary>When each command applies, and its names.</summary>
public static class RolloutCommands
{
    /// <summary>The name in URLs, the CLI and the audit action ("end-holdback").</summary>
    public static string Name(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => "pause",
        RolloutCommand.Resume => "resume",
        RolloutCommand.Skip => "skip",
        RolloutCommand.RollBack => "rollback",
        RolloutCommand.Approve => "approve",
        RolloutCommand.EndHoldback => "end-holdback",
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    /// <summary>The statuses a command applies in.</summary>
    public static IReadOnlyList<RolloutStatus> AppliesIn(RolloutCommand command) => command switch
    {
        RolloutCommand.Pause => [RolloutStatus.Running, RolloutStatus.AwaitingApproval],
        RolloutCommand.Resume => [RolloutStatus.Paused],
        RolloutCommand.Skip => [RolloutStatus.Running, RolloutStatus.AwaitingApproval, RolloutStatus.Paused],
        RolloutCommand.RollBack => [RolloutStatus.Running, RolloutStatus.AwaitingApproval, RolloutStatus.Paused, RolloutStatus.Completed],
        RolloutCommand.Approve => [RolloutStatus.Running, RolloutStatus.AwaitingApproval],
        RolloutCommand.EndHoldback => [RolloutStatus.Completed],
        _ => throw new ArgumentOutOfRangeException(nameof(command), command, null),
    };

    /// <summary>The commands that apply to a rollout now (the page shows these to editors of its environment).</summary>
    public static IReadOnlyList<RolloutCommand> Allowed(RolloutStatus status, bool hasNextStage, bool approved) =>
        [.. Enum.GetValues<RolloutCommand>().Where(c => AppliesIn(c).Contains(status)
            && (c is not (RolloutCommand.Skip or RolloutCommand.Approve) || hasNextStage)
            && (c != RolloutCommand.Approve || !approved))];
}
