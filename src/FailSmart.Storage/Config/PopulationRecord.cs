namespace FailSmart.Storage.Config;

/// <summary>A stored target population.</summary>
/// <param name="Key">The population's key.</param>
/// <param name="Document">Its table as JSON, in the application's format.</param>
/// <param name="Version">1 when created, one more on each change.</param>
/// <param name="UpdatedBy">Who wrote the current table.</param>
/// <param name="UpdatedAt">When.</param>
public sealed record PopulationRecord(string Key, string Document, long Version, string UpdatedBy, DateTimeOffset UpdatedAt);
