namespace FailSmart.Storage.Config;

/// <summary>
/// One flush of counts from one source for one environment. <c>Id</c> is unique per flush (a report with
/// an id seen before is not counted again); <c>Source</c> says who counted: "sdk-dotnet", "ofrep" or "server".
/// </summary>
public sealed record FlagUsageReport(string Id, string Environment, string Source, DateTimeOffset ReceivedAt, IReadOnlyList<FlagUsageCount> Counts);
