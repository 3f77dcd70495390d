using FailSmart.Core.Model;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>A holdout as a flag sees it, with the flag's hash slot for it.</summary>
internal sealed record CompiledHoldout(Holdout Holdout, HashSlot Slot);
