namespace FailSmart.Application.Insights;

/// <summary>
/// Whether evaluations are known in an environment: true when some reporting source (the .NET SDK, OFREP,
/// the server's own evaluations) reported for it within the stale window.
/// </summary>
public sealed record EnvironmentUsage(string Environment, bool UsageKnown, IReadOnlyList<string> Sources, DateTimeOffset? LastReportedAt);
