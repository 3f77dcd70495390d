using System.Text.Json;
using System.Text.Json.Serialization;
using FailSmart.Protocol.Results;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Features;

/// <summary>Decisions and their frozen evidence to and from what the store keeps.</summary>
public static class FeatureDecisionDocuments
{
    // The results endpoint's own shape (web defaults), so a snapshot reads like the answer it copies.
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string DecisionName(FeatureDecisionKind kind) => kind.ToString().ToLowerInvariant();

    // The store knows advance, iterate and stop; a restart is stored as an advance out of Stopped, which no other decision can be.
    public static string StoredName(FeatureDecisionKind kind) => kind == FeatureDecisionKind.Restart ? "advance" : DecisionName(kind);

    public static bool TryParseDecision(string? text, out FeatureDecisionKind kind)
    {
        kind = default;
        return text is "advance" or "iterate" or "stop" or "restart" && Enum.TryParse(text, ignoreCase: true, out kind);
    }

    public static string StatusName(RolloutStatus status) => status switch
    {
        RolloutStatus.AwaitingApproval => "awaiting-approval",
        RolloutStatus.RolledBack => "rolled-back",
        RolloutStatus.HoldbackEnded => "holdback-ended",
        _ => status.ToString().ToLowerInvariant(),
    };

    /// <summary>The results as the results endpoint answers them, as a detached JSON value.</summary>
    public static JsonElement Snapshot(ExperimentResultsResponse results) => JsonSerializer.SerializeToElement(results, s_options);

    /// <summary>A snapshot read back as results, for showing the effects table as it was; null when it does not read.</summary>
    public static ExperimentResultsResponse? ReadResults(JsonElement snapshot)
    {
        try
        {
            return snapshot.Deserialize<ExperimentResultsResponse>(s_options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string WriteEvidence(FeatureEvidence evidence) => JsonSerializer.Serialize(evidence, s_options);

    public static FeatureEvidence ReadEvidence(string json, DateTimeOffset at) =>
        (string.IsNullOrWhiteSpace(json) ? null : JsonSerializer.Deserialize<FeatureEvidence>(json, s_options)) is { } evidence
            ? evidence with { Experiments = evidence.Experiments ?? [], Rollouts = evidence.Rollouts ?? [], Notes = evidence.Notes ?? [], Links = evidence.Links ?? [] }
            : new FeatureEvidence(at, [], [], [], []);

    public static FeatureDecision Read(FeatureDecisionRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        FeaturePhase from = Enum.Parse<FeaturePhase>(record.FromPhase, ignoreCase: true);
        FeatureDecisionKind kind = Enum.Parse<FeatureDecisionKind>(record.Decision, ignoreCase: true);
        return new FeatureDecision(
            record.Id, record.FeatureKey, kind == FeatureDecisionKind.Advance && from == FeaturePhase.Stopped ? FeatureDecisionKind.Restart : kind,
            from, Enum.Parse<FeaturePhase>(record.ToPhase, ignoreCase: true),
            record.Reason, ReadEvidence(record.Evidence, record.At), record.Actor, record.At);
    }
}
