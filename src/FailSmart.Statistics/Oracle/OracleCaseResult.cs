using System.Text.Json.Nodes;

namespace FailSmart.Statistics.Oracle;

/// <summary>
/// The outcome of analysing one case: either <see cref="Output"/> (same field names as the
/// reference's <c>expected</c> block) or <see cref="Error"/>, which names the case and the field.
/// Doubles may be infinite: serialise with <c>JsonNumberHandling.AllowNamedFloatingPointLiterals</c>.
/// </summary>
public sealed record OracleCaseResult(string Id, string Kind, JsonObject? Output, string? Error)
{
    public bool IsSuccess => Error is null;
}
