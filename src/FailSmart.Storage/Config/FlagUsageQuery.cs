namespace FailSmart.Storage.Config;

/// <summary>Which daily usage rows to read: from a day on, optionally one environment and one flag.</summary>
public sealed record FlagUsageQuery(DateOnly From, string? Environment = null, string? Flag = null);
