using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>A condition that could not be understood. It never matches, and says why.</summary>
internal sealed class InvalidNode(string target, DataValue condition, string reason) : ConditionNode
{
    public override bool Evaluate(IAttributeSource? source, SavedGroups groups) => false;

    public override bool Explain(IAttributeSource? source, SavedGroups groups, List<ConditionCheck> checks, int depth)
    {
        checks.Add(new ConditionCheck(depth, target, condition.ToJson(), null, false, reason));
        return false;
    }
}
