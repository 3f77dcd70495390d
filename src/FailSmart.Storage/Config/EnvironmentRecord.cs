namespace FailSmart.Storage.Config;

/// <summary>An environment and its change policy.</summary>
/// <param name="Key">Stable identifier, used by API keys, rule sets and the audit log.</param>
/// <param name="Name">How people see it.</param>
/// <param name="Position">Its place in lists; new environments go last.</param>
/// <param name="RequiresApproval">Whether a change to it waits as a change request until someone else approves it.</param>
public sealed record EnvironmentRecord(string Key, string Name, int Position, bool RequiresApproval);
