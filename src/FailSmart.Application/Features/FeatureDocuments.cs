using System.Text.Json;
using System.Text.Json.Serialization;
using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Features;

/// <summary>
/// A feature to and from the JSON document the store keeps. The store's columns (name, owner, phase,
/// version, dates) win over the document, which holds the rest.
/// </summary>
internal static class FeatureDocuments
{
    private static readonly JsonSerializerOptions s_options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    public static string PhaseName(FeaturePhase phase) => phase.ToString().ToLowerInvariant();

    public static FeaturePhase ParsePhase(string phase) => Enum.Parse<FeaturePhase>(phase, ignoreCase: true);

    public static string Write(Feature feature) => JsonSerializer.Serialize(
        new Stored(
            feature.Key, feature.Name, feature.Owner, feature.Problem,
            feature.Hypothesis is { } h ? new StoredHypothesis(h.Statement, h.Metric, h.MinimumEffect) : null,
            PhaseName(feature.Phase), feature.Links, feature.Value),
        s_options);

    public static Feature Read(FeatureRecord record)
    {
        Stored stored = JsonSerializer.Deserialize<Stored>(record.Document, s_options)
            ?? throw new InvalidOperationException($"Feature '{record.Key}' has an empty document.");
        return new Feature(
            record.Key, record.Name, record.Owner, stored.Problem ?? string.Empty,
            stored.Hypothesis is { } h ? new Hypothesis(h.Statement ?? string.Empty) { Metric = h.Metric, MinimumEffect = h.MinimumEffect } : null,
            ParsePhase(record.Phase), stored.Links ?? [], stored.Value ?? new FeatureValue(),
            record.Version, record.Archived, record.CreatedBy, record.CreatedAt, record.UpdatedAt);
    }

    public static FeatureRecord ToRecord(Feature feature) => new(
        feature.Key, feature.Name, feature.Owner, PhaseName(feature.Phase), Write(feature), feature.Version, feature.Archived,
        feature.CreatedBy, feature.CreatedAt, feature.UpdatedAt);

    private sealed record Stored(
        string Key, string Name, string Owner, string? Problem, StoredHypothesis? Hypothesis, string Phase, IReadOnlyList<FeatureLink>? Links, FeatureValue? Value);

    private sealed record StoredHypothesis(string? Statement, string? Metric, double? MinimumEffect);
}
