using System.Text.RegularExpressions;
using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>
/// "$regex" and "$regexi" on String(attribute), with a pattern translated from JavaScript and run by
/// the linear-time engine, so no pattern can make an evaluation slow. A pattern that was refused is
/// "no match" with a reason: evaluation never throws.
/// </summary>
internal sealed class RegexTest(DataValue source, Regex? regex, string? compileError) : ValueTest(source)
{
    public override bool Test(in DataValue actual, SavedGroups groups) =>
        regex is not null && regex.IsMatch(actual.Kind == DataValueKind.String ? actual.AsString()! : JsSemantics.ToJsString(actual));

    public override string? Explain(in DataValue actual) =>
        regex is null ? "invalid regular expression: " + compileError : null;
}
