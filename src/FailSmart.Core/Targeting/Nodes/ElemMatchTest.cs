using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>
/// "$elemMatch": some truthy item of an array attribute matches, either a value condition (operator
/// object) or an object condition applied to the item.
/// </summary>
internal sealed class ElemMatchTest(DataValue source, ValueTest? valueTest, ConditionNode? objectTest) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        ArrayValue? array = actual.AsArray();
        if (array is null)
        {
            return false;
        }

        foreach (DataValue item in array.AsSpan())
        {
            // Falsy items (0, "", false, null) are skipped, as in GrowthBook.
            if (!JsSemantics.IsTruthy(item))
            {
                continue;
            }

            bool matched = valueTest is not null
                ? valueTest.Test(item, groups)
                : objectTest!.Evaluate(item.AsObject(), groups);
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    public override string? Explain(in DataValue actual) =>
        actual.Kind == DataValueKind.Array ? null : "$elemMatch needs an array attribute, got " + JsSemantics.TypeName(actual);
}
