using FailSmart.Core.Targeting;

namespace FailSmart.Core.Model;

/// <summary>
/// A targeting rule: when the condition holds and the unit is in every listed segment, the action
/// decides (force a value, roll out to a percentage, or run an experiment).
/// </summary>
public sealed record Rule(string Id, Condition Condition, RuleAction Action)
{
    public string? Description { get; init; }

    /// <summary>Segment keys; the unit must be in all of them.</summary>
    public IReadOnlyList<string> Segments { get; init; } = [];
}
