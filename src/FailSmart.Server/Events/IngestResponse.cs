using System.Text.Json.Serialization;
using FailSmart.Protocol.Events;

namespace FailSmart.Server.Events;

/// <summary>
/// The answer to a batch as the server writes it: the fields of the protocol's
/// <see cref="Protocol.Events.IngestResponse"/>, which SDKs read, plus how duplicates are found. Its own type
/// (same name, so the API document's schema keeps its name) because <c>duplicates</c> is left out where
/// the store cannot know it: ClickHouse stores a resent event again and analysis counts it once, so
/// answering "0 duplicates" would claim what nobody checked. An SDK that expects the field reads 0.
/// </summary>
/// <param name="Accepted">Events stored now (on ClickHouse, including any resent ones, which analysis counts once).</param>
/// <param name="Duplicates">Events whose id was stored before, not stored again; absent when <paramref name="Deduplication"/> is <c>at-query</c>.</param>
/// <param name="Rejected">Events refused, each with its position in the batch and why.</param>
/// <param name="Deduplication">
/// <c>at-write</c>: resent events were found and counted in <paramref name="Duplicates"/> (DuckDB);
/// <c>at-query</c>: they are stored again and removed when results are computed (ClickHouse).
/// </param>
internal sealed record IngestResponse(
    int Accepted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] int? Duplicates,
    IReadOnlyList<RejectedEvent> Rejected,
    string Deduplication)
{
    public const string AtWrite = "at-write";
    public const string AtQuery = "at-query";
}
