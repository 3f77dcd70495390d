using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$all" and "$alli": every listed condition matches some item of the array attribute.</summary>
internal sealed class AllItemsTest(DataValue source, ValueTest[] items) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        ArrayValue? array = actual.AsArray();
        if (array is null)
        {
            return false;
        }

        foreach (ValueTest expected in items)
        {
            bool found = false;
            foreach (DataValue item in array.AsSpan())
            {
                if (expected.Test(item, groups))
                {
                    found = true;
                    break;
                }
            }

            if (!found)
            {
                return false;
            }
        }

        return true;
    }
}
