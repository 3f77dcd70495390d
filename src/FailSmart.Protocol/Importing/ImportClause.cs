using System.Text.Json.Nodes;

namespace FailSmart.Protocol.Importing;

/// <summary>
/// One way to be enabled: every condition holds and, when there is one, the unit's hash falls in the
/// range. A feature's filters become a list of these (any one enables), each a FailSmart rule.
/// </summary>
internal sealed record ImportClause(IReadOnlyList<JsonNode> Conditions, ImportHash? Hash)
{
    public static ImportClause Always { get; } = new([], null);

    /// <summary>Both must hold; null when that needs two hashes, which one rule cannot take.</summary>
    public ImportClause? And(ImportClause other) =>
        Hash is not null && other.Hash is not null
            ? null
            : new ImportClause([.. Conditions.Select(c => c.DeepClone()), .. other.Conditions.Select(c => c.DeepClone())], Hash ?? other.Hash);
}

/// <summary>A clause's hash: Microsoft.FeatureManagement's targeting hash over [From, To) with a hint, or (for a percentage filter) FailSmart's own rollout of To percent.</summary>
internal sealed record ImportHash(bool FeatureManagement, string Seed, double From, double To);
