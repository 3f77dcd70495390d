using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>A holdout as a flag sees it, with the flag's hash slot for it.</summary>
internal sealed record CompiledHoldout(Holdout Holdout, HashSlot Slot)
{
    /// <summary>What a held-out unit gets when the holdout covers the whole flag.</summary>
    public EvaluationOutcome? Outcome { get; init; }
}
