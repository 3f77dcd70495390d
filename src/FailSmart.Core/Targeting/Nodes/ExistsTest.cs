using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$exists": the attribute is (or is not) present and non-null.</summary>
internal sealed class ExistsTest(DataValue source, bool shouldExist) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) => actual.IsNull != shouldExist;
}
