namespace FailSmart.Client.Insights;

/// <summary>One flush, as `POST /events/v1/usage` reads it. A resend keeps its id, so the server counts it once.</summary>
internal sealed record UsageReport(string Id, string Source, IReadOnlyList<UsageCount> Counts);
