using System.Globalization;
using FailSmart.Application.Features;
using FailSmart.Application.Insights;

namespace FailSmart.Application.Maintenance;

/// <summary>
/// Builds the maintenance review from features, their ledgers and flag usage. Pure: the service reads the
/// stores and hands everything here, so the rules are tested on plain values.
/// </summary>
public static class MaintenanceReviews
{
    /// <summary>Recent effort at or above this many person-days a week asks whether the feature is worth its cost.</summary>
    public const double CostlyPersonDaysPerWeek = 0.25;

    /// <summary>Statuses from the one that says the flag is used to the one that says least, for a flag over its environments.</summary>
    private static readonly string[] s_statusOrder =
    [
        FlagUsageStatus.Active, FlagUsageStatus.New, FlagUsageStatus.StaleSingleValue, FlagUsageStatus.StaleUnused, FlagUsageStatus.UsageUnknown,
    ];

    public static MaintenanceReview Build(IReadOnlyList<MaintenanceInput> inputs, IReadOnlyList<FlagUse> usage, DateTimeOffset now, int recentWeeks = 12)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(usage);
        ILookup<string, FlagUse> byFlag = usage.ToLookup(u => u.Flag, StringComparer.Ordinal);
        DateOnly recentFrom = DateOnly.FromDateTime(now.UtcDateTime).AddDays(-7 * recentWeeks);
        var features = new List<MaintainedFeature>();
        foreach (MaintenanceInput input in inputs.Where(i => i.Feature.Phase == FeaturePhase.Maintain && !i.Feature.Archived))
        {
            Feature feature = input.Feature;
            DateTimeOffset since = input.InMaintainSince ?? feature.UpdatedAt;
            DateOnly sinceWeek = DateOnly.FromDateTime(since.UtcDateTime).AddDays(-6);
            List<MaintainedFlag> flags = [.. feature.Links.Where(l => l.Kind == FeatureLinkKind.Flag).Select(l => l.Key).Distinct(StringComparer.Ordinal)
                .Select(key => Summarise(key, byFlag[key].ToList()))];
            List<Effort> sinceMaintain = [.. input.Efforts.Where(e => e.Week >= sinceWeek)];
            double personDays = sinceMaintain.Sum(e => e.PersonDays);
            double recent = input.Efforts.Where(e => e.Week > recentFrom).Sum(e => e.PersonDays);
            double? cost = Cost(sinceMaintain, feature.Value.CostPerPersonDay);
            (string verdict, List<string> reasons) = Judge(flags, personDays, recent, recentWeeks, since, now);
            features.Add(new MaintainedFeature(
                feature.Key, feature.Name, feature.Owner, since, (int)(now - feature.CreatedAt).TotalDays, flags,
                personDays, recent, cost, cost is null ? null : feature.Value.Currency, verdict, reasons));
        }

        return new MaintenanceReview(now, recentWeeks, [.. features
            .OrderBy(f => f.Verdict switch { MaintenanceVerdict.CleanUp => 0, MaintenanceVerdict.Review => 1, _ => 2 })
            .ThenByDescending(f => f.PersonDaysSinceMaintain)
            .ThenBy(f => f.Key, StringComparer.Ordinal)]);
    }

    /// <summary>A flag over its environments: used if it is used anywhere; otherwise the stalest thing known about it.</summary>
    private static MaintainedFlag Summarise(string key, List<FlagUse> uses)
    {
        if (uses.Count == 0)
        {
            return new MaintainedFlag(key, "not-live", 0, null, "The flag is archived or gone: remove what is left of it in code (failsmart scan finds it).");
        }

        string status = s_statusOrder.FirstOrDefault(s => uses.Any(u => u.Status == s)) ?? uses[0].Status;
        FlagUse? telling = uses.FirstOrDefault(u => u.Status == status && u.SuggestedAction is not null);
        return new MaintainedFlag(key, status, uses.Sum(u => u.Evaluations30Days), uses.Max(u => u.LastEvaluated), telling?.SuggestedAction);
    }

    private static double? Cost(List<Effort> efforts, double? featureCost)
    {
        double total = 0;
        foreach (Effort effort in efforts)
        {
            if ((effort.CostPerPersonDay ?? featureCost) is not double rate)
            {
                return null;
            }

            total += effort.PersonDays * rate;
        }

        return total;
    }

    private static (string Verdict, List<string> Reasons) Judge(
        List<MaintainedFlag> flags, double personDays, double recent, int recentWeeks, DateTimeOffset since, DateTimeOffset now)
    {
        var reasons = new List<string>();
        string verdict = MaintenanceVerdict.Keep;
        int days = Math.Max(0, (int)(now - since).TotalDays);
        List<MaintainedFlag> stale = [.. flags.Where(f => f.Status is FlagUsageStatus.StaleUnused or FlagUsageStatus.StaleSingleValue or "not-live")];
        if (flags.Count > 0 && stale.Count == flags.Count)
        {
            verdict = MaintenanceVerdict.CleanUp;
            reasons.Add(flags.All(f => f.Status is FlagUsageStatus.StaleUnused or "not-live")
                ? $"No flag of it is evaluated any more ({Keys(stale)}): the feature may be gone from the product already; remove its flags and code."
                : $"Its flags serve one value to everyone ({Keys(stale)}): make the feature permanent and remove the flags from code.");
        }
        else if (stale.Count > 0)
        {
            verdict = MaintenanceVerdict.Review;
            reasons.Add($"Some of its flags are stale ({Keys(stale)}).");
        }

        if (flags.Count == 0)
        {
            verdict = Max(verdict, MaintenanceVerdict.Review);
            reasons.Add("No flag is linked to it, so its usage cannot be seen: link its flags.");
        }
        else if (flags.All(f => f.Status == FlagUsageStatus.UsageUnknown))
        {
            verdict = Max(verdict, MaintenanceVerdict.Review);
            reasons.Add("No client that reports evaluations reads its flags, so its usage cannot be seen.");
        }
        else if (flags.Any(f => f.Status == FlagUsageStatus.Active) && verdict == MaintenanceVerdict.Keep)
        {
            reasons.Add($"In use: {Count(flags.Sum(f => f.Evaluations30Days))} evaluations in the last 30 days.");
        }

        if (recent >= CostlyPersonDaysPerWeek * recentWeeks)
        {
            verdict = Max(verdict, MaintenanceVerdict.Review);
            reasons.Add($"It took {Count(recent)} person-days in the last {recentWeeks} weeks, with no new work planned: is it worth what it costs?");
        }
        else if (personDays > 0)
        {
            reasons.Add($"{Count(personDays)} person-days recorded in the {days} days since it entered Maintain.");
        }
        else
        {
            reasons.Add("No effort recorded since it entered Maintain; if there was some, record it in the ledger, since no feature costs nothing.");
        }

        return (verdict, reasons);
    }

    private static string Max(string a, string b) =>
        a == MaintenanceVerdict.CleanUp || b == MaintenanceVerdict.CleanUp ? MaintenanceVerdict.CleanUp
        : a == MaintenanceVerdict.Review || b == MaintenanceVerdict.Review ? MaintenanceVerdict.Review
        : MaintenanceVerdict.Keep;

    private static string Keys(IEnumerable<MaintainedFlag> flags) => string.Join(", ", flags.Select(f => f.Key));

    private static string Count(double value) => value.ToString("#,0.##", CultureInfo.InvariantCulture);
}
