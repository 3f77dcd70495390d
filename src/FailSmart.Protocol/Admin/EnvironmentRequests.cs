namespace FailSmart.Protocol.Admin;

/// <summary>Adds an environment; it starts without approval and with no flag states.</summary>
public sealed record EnvironmentCreateRequest(string? Key, string? Name);

/// <summary>Turns "changes here need approval" on or off for one environment.</summary>
public sealed record EnvironmentApprovalRequest(bool? RequiresApproval);

/// <summary>An environment and its approval policy.</summary>
public sealed record EnvironmentResponse(string Key, string Name, int Position, bool RequiresApproval);
