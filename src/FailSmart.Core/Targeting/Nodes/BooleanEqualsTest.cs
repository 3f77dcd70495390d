using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>A boolean condition: a present value whose truthiness equals it.</summary>
internal sealed class BooleanEqualsTest(DataValue source, bool expected) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) =>
        !actual.IsNull && JsSemantics.IsTruthy(actual) == expected;
}
