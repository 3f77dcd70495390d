using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>An operator that cannot be applied (unknown, or a wrong argument): never matches, with the reason.</summary>
internal sealed class NeverTest(DataValue source, string reason) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) => false;

    public override string? Explain(in DataValue actual) => reason;
}
