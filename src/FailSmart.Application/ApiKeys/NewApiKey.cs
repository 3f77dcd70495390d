namespace FailSmart.Application.ApiKeys;

/// <summary>What a caller asks for when creating an API key.</summary>
/// <param name="Name">A label for people and for the audit log.</param>
/// <param name="Kind">"admin", "server" or "client".</param>
/// <param name="Environment">The one environment a server or client key reads; null for admin keys.</param>
/// <param name="ExpiresAt">When it stops working, if ever.</param>
/// <param name="BypassesApproval">For admin keys: writes to environments that require approval apply at once.</param>
public sealed record NewApiKey(string? Name, string? Kind, string? Environment, DateTimeOffset? ExpiresAt, bool BypassesApproval = false);
