using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$inGroup" and "$notInGroup": membership in a saved id list; an unknown list is empty.</summary>
internal sealed class InGroupTest(DataValue source, string groupKey, bool negate) : ValueTest(source)
{
    public string GroupKey => groupKey;

    public override bool Test(in DataValue actual, SavedGroups groups) =>
        groups.Get(groupKey).Intersects(actual) != negate;
}
