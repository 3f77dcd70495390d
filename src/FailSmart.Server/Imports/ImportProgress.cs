using System.Text.Json;
using System.Text.Json.Serialization;

namespace FailSmart.Server.Imports;

/// <summary>
/// One NDJSON line of an import's answer: "storing" after each stored chunk, then "done", or "failed"
/// when the store failed part-way (importing again is safe).
/// </summary>
/// <param name="Stage">storing, done or failed.</param>
/// <param name="Rows">Rows in the file.</param>
/// <param name="Stored">Rows written so far.</param>
/// <param name="Accepted">Rows that were new.</param>
/// <param name="Duplicates">Rows already stored (an earlier import of them).</param>
/// <param name="Error">For failed: what happened and what to do.</param>
internal sealed record ImportProgress(string Stage, int Rows, int Stored, int Accepted, int Duplicates, string? Error = null)
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web) { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };
}
