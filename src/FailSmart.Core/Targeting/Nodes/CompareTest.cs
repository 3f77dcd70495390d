using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$lt", "$lte", "$gt", "$gte" with JavaScript's comparison: strings by code unit, otherwise as numbers.</summary>
internal sealed class CompareTest(DataValue source, ComparisonOperator op, DataValue expected) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        if (!JsSemantics.TryCompare(actual, expected, out int c))
        {
            return false;
        }

        return op switch
        {
            ComparisonOperator.LessThan => c < 0,
            ComparisonOperator.LessThanOrEqual => c <= 0,
            ComparisonOperator.GreaterThan => c > 0,
            ComparisonOperator.GreaterThanOrEqual => c >= 0,
            _ => false,
        };
    }
}
