using System.Globalization;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Insights;

/// <summary>
/// Decides one flag's status in one environment from its daily usage rows. Pure: the service gathers the
/// rows, the flag's age and last change, and whether anyone reports for the environment.
/// </summary>
internal static class FlagStaleness
{
    public static FlagInsight Decide(
        string flag, string environment, IReadOnlyList<FlagUsageDay> rows, bool usageKnown,
        DateTimeOffset createdAt, DateTimeOffset lastChangedAt, DateTimeOffset now, int staleAfterDays)
    {
        DateOnly today = DateOnly.FromDateTime(now.UtcDateTime);
        long Since(int days) => rows.Where(r => r.Day > today.AddDays(-days)).Sum(r => r.Count);
        long last7 = Since(7), last30 = Since(30), inWindow = Since(staleAfterDays);
        DateTimeOffset? lastEvaluated = rows.Count == 0 ? null : rows.Max(r => r.LastEvaluated);
        VariationShare[] served =
        [
            .. rows.Where(r => r.Day > today.AddDays(-staleAfterDays))
                .GroupBy(r => r.Variation, StringComparer.Ordinal)
                .Select(g => (Variation: g.Key, Count: g.Sum(r => r.Count)))
                .Where(v => v.Count > 0)
                .OrderByDescending(v => v.Count).ThenBy(v => v.Variation, StringComparer.Ordinal)
                .Select(v => new VariationShare(v.Variation, v.Count, (double)v.Count / inWindow)),
        ];
        string[] sources = [.. rows.SelectMany(r => r.Sources).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        DateTimeOffset windowStart = now.AddDays(-staleAfterDays);
        string days = staleAfterDays.ToString(CultureInfo.InvariantCulture);

        (string status, string why, string? action) = 0 switch
        {
            _ when createdAt > windowStart => (FlagUsageStatus.New, $"Created less than {days} days ago: too young to call stale.", null),
            _ when !usageKnown => (FlagUsageStatus.UsageUnknown,
                $"Usage unknown: no client that reports evaluations (the .NET SDK, OFREP) has reported for {environment} in the last {days} days. Clients such as the GrowthBook SDKs read rule sets without reporting.",
                (string?)null),
            _ when inWindow == 0 => (FlagUsageStatus.StaleUnused,
                lastEvaluated is { } at
                    ? $"Not evaluated in {environment} in the last {days} days; last evaluated {at.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}."
                    : $"Not evaluated in {environment} in the last {days} days, by any client that reports.",
                "Remove the flag: delete its checks from the code, then archive it."),
            _ when served.Length == 1 && lastChangedAt <= windowStart => (FlagUsageStatus.StaleSingleValue,
                $"Served '{served[0].Variation}' to everyone in {environment} for the last {days} days, and the flag has not changed in that time.",
                $"Make it permanent: replace the flag's checks with the value of '{served[0].Variation}' in the code, then archive the flag."),
            _ => (FlagUsageStatus.Active, $"Evaluated {inWindow.ToString("N0", CultureInfo.InvariantCulture)} times in {environment} in the last {days} days.", null),
        };
        return new FlagInsight(flag, environment, status, last7, last30, lastEvaluated, served, sources, why, action);
    }
}
