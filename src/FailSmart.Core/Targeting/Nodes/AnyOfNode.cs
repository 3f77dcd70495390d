using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$or" (any child holds; an empty list holds) and "$nor" (its negation).</summary>
internal sealed class AnyOfNode(ConditionNode[] children, bool negate) : ConditionNode
{
    public override bool Evaluate(IAttributeSource? source, SavedGroups groups)
    {
        bool any = children.Length == 0;
        foreach (ConditionNode child in children)
        {
            if (child.Evaluate(source, groups))
            {
                any = true;
                break;
            }
        }

        return any != negate;
    }

    public override bool Explain(IAttributeSource? source, SavedGroups groups, List<ConditionCheck> checks, int depth)
    {
        int at = checks.Count;
        checks.Add(null!);
        bool any = children.Length == 0;
        foreach (ConditionNode child in children)
        {
            any |= child.Explain(source, groups, checks, depth + 1);
        }

        bool passed = any != negate;
        checks[at] = new ConditionCheck(depth, negate ? "$nor" : "$or", (negate ? "none of " : "any of ") + children.Length, null, passed, null);
        return passed;
    }
}
