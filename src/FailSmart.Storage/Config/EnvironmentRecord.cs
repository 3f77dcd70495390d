namespace FailSmart.Storage.Config;

/// <summary>An environment and its approval policy.</summary>
public sealed record EnvironmentRecord(string Key, string Name, int Position, bool RequiresApproval);
