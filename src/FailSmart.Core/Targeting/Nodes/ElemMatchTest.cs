using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>
/// "$elemMatch": some non-null item of an array attribute matches, either a value condition (operator
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
            // Only null items are skipped, as in GrowthBook 1.8: 0, "" and false are tested.
            if (item.IsNull)
            {
                continue;
            }

            bool matched = valueTest is not null
                ? valueTest.Test(item, groups)
                : objectTest!.Evaluate(AsSource(item), groups);
            if (matched)
            {
                return true;
            }
        }

        return false;
    }

    // An array item is read by index and length, as GrowthBook's getPath reads it; other scalars read null.
    private static IAttributeSource? AsSource(in DataValue item) =>
        item.AsObject() is { } obj ? obj : item.AsArray() is { } array ? new ArrayAttributes(array) : null;

    public override string? Explain(in DataValue actual) =>
        actual.Kind == DataValueKind.Array ? null : "$elemMatch needs an array attribute, got " + JsSemantics.TypeName(actual);
}
