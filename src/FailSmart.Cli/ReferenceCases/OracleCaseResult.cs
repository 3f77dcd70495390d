using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace FailSmart.Cli.ReferenceCases;

/// <summary>
/// The outcome of analysing one case: either <see cref="Output"/> (same field names as the
/// reference's <c>expected</c> block) or <see cref="Error"/>, which names the case and the field.
/// Doubles may be infinite: serialise with <see cref="JsonOptions"/>.
/// </summary>
internal sealed record OracleCaseResult(string Id, string Kind, JsonObject? Output, string? Error)
{
    /// <summary>Indented output that writes infinities as "Infinity", as the reference file does.</summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        WriteIndented = true,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public bool IsSuccess => Error is null;

    /// <summary><c>{"id", "kind", "output"}</c> or <c>{"id", "kind", "error"}</c>.</summary>
    public JsonObject ToJson()
    {
        var node = new JsonObject { ["id"] = Id, ["kind"] = Kind };
        if (IsSuccess)
        {
            node["output"] = Output?.DeepClone();
        }
        else
        {
            node["error"] = Error;
        }

        return node;
    }
}
