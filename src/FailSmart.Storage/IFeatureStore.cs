using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// Features (the unit of product work) and their phase decisions, kept in the configuration store so
/// replicas share them. Every write is audited (kind "feature") and advances the configuration revision.
/// </summary>
public interface IFeatureStore
{
    /// <summary>Stores a new feature (version 1), audited as "feature.create"; false when the key is taken, archived or not.</summary>
    Task<bool> CreateFeatureAsync(FeatureRecord feature, CancellationToken cancellationToken = default);

    /// <summary>The feature with this key, archived or not, or null.</summary>
    Task<FeatureRecord?> GetFeatureAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Every feature, by name; archived ones only when asked.</summary>
    Task<IReadOnlyList<FeatureRecord>> ListFeaturesAsync(bool includeArchived, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces a feature's name, owner, phase, document and archived flag if it is still at
    /// <paramref name="expectedVersion"/>, audited as <paramref name="action"/> ("feature.update",
    /// "feature.archive", "feature.unarchive") with the documents before and after. Null, and nothing
    /// written, when the feature is missing or has moved on.
    /// </summary>
    Task<FeatureRecord?> UpdateFeatureAsync(
        FeatureRecord feature, long expectedVersion, string actor, string action, string? reason, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records a decision and moves the feature to its phase in one transaction, if the feature is still at
    /// <paramref name="expectedVersion"/>; audited as "feature.decide" with the reason. Null, and nothing
    /// written, when the feature is missing or has moved on.
    /// </summary>
    Task<FeatureDecisionRecord?> RecordDecisionAsync(
        string key, long expectedVersion, NewFeatureDecision decision, CancellationToken cancellationToken = default);

    /// <summary>A feature's decisions, oldest first.</summary>
    Task<IReadOnlyList<FeatureDecisionRecord>> ListDecisionsAsync(string key, CancellationToken cancellationToken = default);
}
