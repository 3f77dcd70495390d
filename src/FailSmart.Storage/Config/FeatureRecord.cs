namespace FailSmart.Storage.Config;

/// <summary>
/// A feature as the configuration store keeps it: the columns it is listed and found by, and the whole
/// feature as a JSON document whose shape the application owns, so adding a field needs no migration.
/// </summary>
/// <param name="Key">Identifier, unique among features (archived ones too).</param>
/// <param name="Name">What people call it.</param>
/// <param name="Owner">Who answers for it (an email or a team name).</param>
/// <param name="Phase">Its lifecycle phase: think, build, ship, tweak, maintain or stopped.</param>
/// <param name="Document">The whole feature, as JSON.</param>
/// <param name="Version">Increases with every write; the compare-and-set token behind ETags.</param>
/// <param name="Archived">Archived features are kept, with their decisions, and listed only on request.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="UpdatedAt">When it was last written.</param>
public sealed record FeatureRecord(
    string Key,
    string Name,
    string Owner,
    string Phase,
    string Document,
    long Version,
    bool Archived,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
