using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>A null condition: the attribute is null or absent.</summary>
internal sealed class NullEqualsTest() : ValueTest(DataValue.Null)
{
    public override bool Test(in DataValue actual, SavedGroups groups) => actual.IsNull;
}
