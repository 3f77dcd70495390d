using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>Operator "$not": the inner value condition must not hold.</summary>
internal sealed class NotTest(DataValue source, ValueTest inner) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) => !inner.Test(actual, groups);
}
