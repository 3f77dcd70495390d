namespace FailSmart.Protocol.Admin;

/// <summary>Turns a flag on or off in one environment.</summary>
/// <param name="Enabled">The new state.</param>
/// <param name="Reason">Why, for the audit log.</param>
public sealed record FlagToggleRequest(bool? Enabled, string? Reason);
