using FailSmart.Application.Rollouts;

namespace FailSmart.Application.Tests.Rollouts;

/// <summary>A policy that answers each look with the next scripted move (the last one repeats) and keeps every look it was shown.</summary>
internal sealed class ScriptedPolicy : IRolloutPolicy
{
    private readonly Queue<RolloutMove> _moves = new();

    public List<RolloutLook> Looks { get; } = [];

    public RolloutMove Default { get; set; } = RolloutMove.Stay;

    public ScriptedPolicy Then(params RolloutMove[] moves)
    {
        foreach (RolloutMove move in moves)
        {
            _moves.Enqueue(move);
        }

        return this;
    }

    public RolloutDecision Decide(RolloutLook look)
    {
        Looks.Add(look);
        RolloutMove move = _moves.Count > 0 ? _moves.Dequeue() : Default;
        return new RolloutDecision(move, $"Scripted {move}.", [new GateReading("errors", -0.01, -0.03, 0.01, false, true)], 0.42);
    }
}
