using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>"$type": the attribute's JSON type name (string, number, boolean, array, object, null).</summary>
internal sealed class TypeTest(DataValue source, string typeName) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) =>
        string.Equals(JsSemantics.TypeName(actual), typeName, StringComparison.Ordinal);
}
