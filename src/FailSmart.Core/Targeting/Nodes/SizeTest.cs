using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$size": the attribute is an array whose length satisfies the inner condition.</summary>
internal sealed class SizeTest(DataValue source, ValueTest inner) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        ArrayValue? array = actual.AsArray();
        return array is not null && inner.Test(DataValue.FromNumber(array.Count), groups);
    }

    public override string? Explain(in DataValue actual) =>
        actual.Kind == DataValueKind.Array ? null : "$size needs an array attribute, got " + JsSemantics.TypeName(actual);
}
