namespace FailSmart.Protocol.Admin;

/// <summary>An API key as listed: never its secret or hash.</summary>
public sealed record ApiKeyResponse(
    string Id,
    string Name,
    string Kind,
    string? Environment,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ExpiresAt,
    DateTimeOffset? RevokedAt,
    DateTimeOffset? LastUsedAt,
    bool BypassesApproval = false);

/// <summary>A new key with its secret, returned once by the create call.</summary>
public sealed record ApiKeyCreatedResponse(ApiKeyResponse Key, string Secret);
