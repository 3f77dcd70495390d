namespace FailSmart.Storage;

/// <summary>The answer of one store to a health check.</summary>
/// <param name="IsHealthy">Whether the store answered its check query.</param>
/// <param name="SchemaVersion">The applied schema version.</param>
/// <param name="Detail">A human-readable detail, such as the file in use or the failure.</param>
public sealed record StoreHealth(bool IsHealthy, int SchemaVersion, string Detail);
