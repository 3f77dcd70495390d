using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>An array or a plain object condition: the attribute equals it as JSON (order matters).</summary>
internal sealed class DeepEqualsTest(DataValue expected) : ValueTest(expected)
{
    public override bool Test(in DataValue actual, SavedGroups groups) => actual.Equals(Source);
}
