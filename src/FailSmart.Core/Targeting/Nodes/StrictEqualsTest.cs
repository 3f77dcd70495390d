using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$eq" and "$ne": strict equality, no type coercion.</summary>
internal sealed class StrictEqualsTest(DataValue source, DataValue expected, bool negate) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) =>
        JsSemantics.StrictEquals(actual, expected) != negate;
}
