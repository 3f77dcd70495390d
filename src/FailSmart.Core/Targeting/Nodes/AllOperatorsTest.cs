using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>An operator object such as {"$gt": 1, "$lt": 9}: every operator must hold.</summary>
internal sealed class AllOperatorsTest(DataValue source, ValueTest[] operators) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        foreach (ValueTest test in operators)
        {
            if (!test.Test(actual, groups))
            {
                return false;
            }
        }

        return true;
    }

    public override string? Explain(in DataValue actual)
    {
        foreach (ValueTest test in operators)
        {
            if (!test.Test(actual, SavedGroups.Empty))
            {
                return test.Explain(actual) ?? test.Source.ToJson() + " did not hold";
            }
        }

        return null;
    }
}
