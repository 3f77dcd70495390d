using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>Top-level "$not": the inner condition must not hold.</summary>
internal sealed class NotNode(ConditionNode inner) : ConditionNode
{
    public override bool Evaluate(IAttributeSource? source, SavedGroups groups) => !inner.Evaluate(source, groups);

    public override bool Explain(IAttributeSource? source, SavedGroups groups, List<ConditionCheck> checks, int depth)
    {
        int at = checks.Count;
        checks.Add(null!);
        bool passed = !inner.Explain(source, groups, checks, depth + 1);
        checks[at] = new ConditionCheck(depth, "$not", "not", null, passed, null);
        return passed;
    }
}
