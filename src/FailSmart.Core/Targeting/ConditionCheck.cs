namespace FailSmart.Core.Targeting;

/// <summary>One line of a condition's explanation: what was tested, against what, and the result.</summary>
/// <param name="Depth">Nesting level under "$and"/"$or"/"$nor"/"$not", 0 at the top.</param>
/// <param name="Target">The attribute path tested, or the logical operator.</param>
/// <param name="Expected">The condition applied, as JSON.</param>
/// <param name="Actual">The attribute value read, as JSON ("null" when absent); null for logical operators.</param>
/// <param name="Passed">Whether this test held.</param>
/// <param name="Note">Why a test could not match (bad regex, unknown operator), if so.</param>
public sealed record ConditionCheck(int Depth, string Target, string Expected, string? Actual, bool Passed, string? Note);
