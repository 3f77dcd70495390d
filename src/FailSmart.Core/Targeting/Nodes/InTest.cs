using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$in", "$nin", "$ini", "$nini": membership; an array attribute matches if any item is in the list.</summary>
internal sealed class InTest(DataValue source, ValueSet set, bool negate) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) => set.Intersects(actual) != negate;
}
