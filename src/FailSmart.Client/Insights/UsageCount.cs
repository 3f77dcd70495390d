namespace FailSmart.Client.Insights;

/// <summary>Evaluations of one flag that served one variation since the last flush, as sent to the server.</summary>
internal sealed record UsageCount(string Flag, string Variation, long Count, DateTimeOffset LastEvaluated);
