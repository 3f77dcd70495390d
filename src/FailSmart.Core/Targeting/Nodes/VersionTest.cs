using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$veq", "$vne", "$vgt", "$vgte", "$vlt", "$vlte": semantic-version comparison.</summary>
internal sealed class VersionTest(DataValue source, ComparisonOperator op, string paddedExpected) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        int c = string.CompareOrdinal(VersionString.Pad(actual), paddedExpected);
        return op switch
        {
            ComparisonOperator.Equal => c == 0,
            ComparisonOperator.NotEqual => c != 0,
            ComparisonOperator.LessThan => c < 0,
            ComparisonOperator.LessThanOrEqual => c <= 0,
            ComparisonOperator.GreaterThan => c > 0,
            _ => c >= 0,
        };
    }
}
