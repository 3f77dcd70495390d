using FailSmart.Application.Features;

namespace FailSmart.Application.Investment;

/// <summary>Effort spent on a feature in one ISO week, for one phase of its work.</summary>
/// <param name="Id">Identifier; kept when the entry is replaced.</param>
/// <param name="FeatureKey">The feature.</param>
/// <param name="Week">The Monday that starts the ISO week (UTC date).</param>
/// <param name="Phase">The phase the work was for (never <see cref="FeaturePhase.Stopped"/>).</param>
/// <param name="PersonDays">Effort, in quarter person-days.</param>
/// <param name="CostPerPersonDay">The cost of a person-day that week when it differs from the feature's; null for the feature's.</param>
/// <param name="Note">What the effort was.</param>
/// <param name="Author">Who wrote it last.</param>
/// <param name="WrittenAt">When.</param>
public sealed record LedgerEntry(
    long Id,
    string FeatureKey,
    DateOnly Week,
    FeaturePhase Phase,
    double PersonDays,
    double? CostPerPersonDay,
    string? Note,
    string Author,
    DateTimeOffset WrittenAt);
