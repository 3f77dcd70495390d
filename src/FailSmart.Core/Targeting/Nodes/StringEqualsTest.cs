using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>A string condition: String(actual) equals it (optionally ignoring case).</summary>
internal sealed class StringEqualsTest(DataValue source, string expected, bool ignoreCase) : ValueTest(source)
{
    private readonly StringComparison _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;

    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        string text = actual.Kind == DataValueKind.String ? actual.AsString()! : JsSemantics.ToJsString(actual);
        return string.Equals(text, expected, _comparison);
    }
}
