namespace FailSmart.Storage.Config;

/// <summary>A source that reports evaluations for an environment, and when it last did.</summary>
public sealed record FlagUsageSource(string Environment, string Source, DateTimeOffset LastReportedAt);
