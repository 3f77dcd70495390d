using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>The entries of one condition object, which must all hold (also "$and").</summary>
internal sealed class AllOfNode(ConditionNode[] children, string? label) : ConditionNode
{
    public override bool Evaluate(IAttributeSource? source, SavedGroups groups)
    {
        foreach (ConditionNode child in children)
        {
            if (!child.Evaluate(source, groups))
            {
                return false;
            }
        }

        return true;
    }

    public override bool Explain(IAttributeSource? source, SavedGroups groups, List<ConditionCheck> checks, int depth)
    {
        if (label is null)
        {
            bool all = true;
            foreach (ConditionNode child in children)
            {
                // Explain every entry, not only up to the first failure, so the trace is complete.
                all &= child.Explain(source, groups, checks, depth);
            }

            return all;
        }

        int at = checks.Count;
        checks.Add(null!);
        bool passed = true;
        foreach (ConditionNode child in children)
        {
            passed &= child.Explain(source, groups, checks, depth + 1);
        }

        checks[at] = new ConditionCheck(depth, label, "all of " + children.Length, null, passed, null);
        return passed;
    }
}
