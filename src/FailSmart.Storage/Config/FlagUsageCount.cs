namespace FailSmart.Storage.Config;

/// <summary>Evaluations of one flag that served one variation, and the last of them.</summary>
public sealed record FlagUsageCount(string Flag, string Variation, long Count, DateTimeOffset LastEvaluated);
