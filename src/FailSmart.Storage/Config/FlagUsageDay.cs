namespace FailSmart.Storage.Config;

/// <summary>One day's evaluations of a flag's variation in an environment, and the sources that reported them.</summary>
public sealed record FlagUsageDay(string Environment, string Flag, string Variation, DateOnly Day, long Count, DateTimeOffset LastEvaluated, IReadOnlyList<string> Sources);
