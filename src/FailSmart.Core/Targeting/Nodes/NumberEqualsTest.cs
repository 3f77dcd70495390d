using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>A number condition: Number(actual) equals it, so "8" matches 8.</summary>
internal sealed class NumberEqualsTest(DataValue source, double expected) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) => JsSemantics.ToNumber(actual) == expected;
}
