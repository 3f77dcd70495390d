namespace FailSmart.Application.Rollouts;

/// <summary>The names moves and actions are stored and shown with.</summary>
internal static class RolloutMoves
{
    public static string Name(RolloutMove move) => move switch
    {
        RolloutMove.Stay => "stay",
        RolloutMove.Advance => "advance",
        RolloutMove.AwaitApproval => "await-approval",
        RolloutMove.Pause => "pause",
        RolloutMove.RollBack => "rollback",
        RolloutMove.Complete => "complete",
        _ => throw new ArgumentOutOfRangeException(nameof(move), move, null),
    };
}
