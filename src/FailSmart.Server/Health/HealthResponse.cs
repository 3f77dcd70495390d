namespace FailSmart.Server.Health;

/// <summary>The body of `GET /health`.</summary>
public sealed record HealthResponse(string Status, IReadOnlyList<StoreStatus> Stores);

/// <summary>One store's part of the health answer.</summary>
public sealed record StoreStatus(string Role, string Provider, string Status, int SchemaVersion, string? Description);
