using System.Text.RegularExpressions;
using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>
/// "$regex" and "$regexi" on String(attribute). A pattern that does not compile, or a match that
/// times out, is "no match" with a reason: evaluation never throws.
/// </summary>
internal sealed class RegexTest(DataValue source, Regex? regex, string? compileError) : ValueTest(source)
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(50);

    public override bool Test(in DataValue actual, SavedGroups groups)
    {
        if (regex is null)
        {
            return false;
        }

        try
        {
            return regex.IsMatch(actual.Kind == DataValueKind.String ? actual.AsString()! : JsSemantics.ToJsString(actual));
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    public override string? Explain(in DataValue actual)
    {
        if (regex is null)
        {
            return "invalid regular expression: " + compileError;
        }

        try
        {
            regex.IsMatch(actual.Kind == DataValueKind.String ? actual.AsString()! : JsSemantics.ToJsString(actual));
            return null;
        }
        catch (RegexMatchTimeoutException)
        {
            return "regular expression timed out after " + MatchTimeout.TotalMilliseconds + " ms";
        }
    }
}
