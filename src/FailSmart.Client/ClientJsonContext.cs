using System.Text.Json.Serialization;
using FailSmart.Client.Caching;
using FailSmart.Protocol.Events;

namespace FailSmart.Client;

/// <summary>Source-generated JSON for what the client writes and reads: event batches, the ingest answer, the disk cache.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    PropertyNameCaseInsensitive = true)]
[JsonSerializable(typeof(IngestEvent))]
[JsonSerializable(typeof(IngestEvent[]))]
[JsonSerializable(typeof(List<IngestEvent>))]
[JsonSerializable(typeof(IngestResponse))]
[JsonSerializable(typeof(CachedRuleSet))]
[JsonSerializable(typeof(Insights.UsageReport))]
internal sealed partial class ClientJsonContext : JsonSerializerContext;
