namespace FailSmart.Storage.Config;

/// <summary>A stored API key. The secret itself is never stored, only its SHA-256 hash.</summary>
/// <param name="Id">Public identifier, also the key's visible prefix.</param>
/// <param name="Name">A label for people and for the audit log.</param>
/// <param name="Kind">What the key may do.</param>
/// <param name="Environment">The one environment a server or client key reads; null for admin keys.</param>
/// <param name="SecretHash">Lower-case hex SHA-256 of the full key.</param>
/// <param name="CreatedAt">When it was created.</param>
/// <param name="ExpiresAt">When it stops working, if ever.</param>
/// <param name="RevokedAt">When it was revoked, if it was.</param>
/// <param name="LastUsedAt">When it last authenticated a request.</param>
/// <param name="BypassesApproval">Whether its changes skip change requests in environments that require approval (for automation).</param>
public sealed record ApiKeyRecord(
    string Id,
    string Name,
    ApiKeyKind Kind,
    string? Environment,
    string SecretHash,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    bool BypassesApproval = false);
