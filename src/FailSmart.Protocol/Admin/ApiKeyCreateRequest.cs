namespace FailSmart.Protocol.Admin;

/// <summary>Asks for a new API key.</summary>
/// <param name="Name">A label for people and the audit log.</param>
/// <param name="Kind">admin, server or client.</param>
/// <param name="Environment">Required for server and client keys: the one environment the key reads.</param>
/// <param name="ExpiresAt">Optional expiry.</param>
/// <param name="BypassesApproval">Admin keys only: writes to environments that require approval apply at once instead of becoming change requests.</param>
public sealed record ApiKeyCreateRequest(string? Name, string? Kind, string? Environment, DateTimeOffset? ExpiresAt, bool? BypassesApproval = null);
