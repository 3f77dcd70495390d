using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>A compiled object-level condition: a set of attribute tests and logical operators.</summary>
internal abstract class ConditionNode
{
    /// <param name="source">The object tested; null when it is not an object (every path then reads null).</param>
    /// <param name="groups">Saved id lists for "$inGroup".</param>
    public abstract bool Evaluate(IAttributeSource? source, SavedGroups groups);

    public abstract bool Explain(IAttributeSource? source, SavedGroups groups, List<ConditionCheck> checks, int depth);
}
