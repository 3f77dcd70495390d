namespace FailSmart.Application.Maintenance;

/// <summary>The "no zero-cost feature" list: every feature in Maintain, with what it still costs and whether it is still used.</summary>
/// <param name="At">When it was read.</param>
/// <param name="RecentWeeks">How many weeks "recent" spend covers.</param>
/// <param name="Features">The features in Maintain, the ones that most need a look first.</param>
public sealed record MaintenanceReview(DateTimeOffset At, int RecentWeeks, IReadOnlyList<MaintainedFeature> Features);

/// <summary>One feature in Maintain.</summary>
/// <param name="Key">The feature.</param>
/// <param name="Name">Its name.</param>
/// <param name="Owner">Who answers for it.</param>
/// <param name="InMaintainSince">When it entered Maintain (the decision), or when it was last written if no decision says.</param>
/// <param name="AgeDays">Days since the feature was created.</param>
/// <param name="Flags">Its flags, with how they are used.</param>
/// <param name="PersonDaysSinceMaintain">Effort recorded since it entered Maintain, in any phase.</param>
/// <param name="PersonDaysRecent">Effort recorded in the last <see cref="MaintenanceReview.RecentWeeks"/> weeks.</param>
/// <param name="CostSinceMaintain">What that effort cost, where a cost per person-day is known; null otherwise.</param>
/// <param name="Currency">The cost's currency.</param>
/// <param name="Verdict">keep, review or clean-up (see <see cref="MaintenanceVerdict"/>).</param>
/// <param name="Reasons">Why, one sentence each.</param>
public sealed record MaintainedFeature(
    string Key,
    string Name,
    string Owner,
    DateTimeOffset InMaintainSince,
    int AgeDays,
    IReadOnlyList<MaintainedFlag> Flags,
    double PersonDaysSinceMaintain,
    double PersonDaysRecent,
    double? CostSinceMaintain,
    string? Currency,
    string Verdict,
    IReadOnlyList<string> Reasons);

/// <summary>A flag of a feature in Maintain, summed over the environments that report.</summary>
/// <param name="Key">The flag.</param>
/// <param name="Status">The status that asks most of the team: stale-unused, stale-single-value, active, new, usage-unknown, archived or missing.</param>
/// <param name="Evaluations30Days">Evaluations reported in the last 30 days, every environment.</param>
/// <param name="LastEvaluated">The last evaluation reported anywhere.</param>
/// <param name="SuggestedAction">What to do, when it is stale.</param>
public sealed record MaintainedFlag(string Key, string Status, long Evaluations30Days, DateTimeOffset? LastEvaluated, string? SuggestedAction);
