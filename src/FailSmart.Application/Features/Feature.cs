using FailSmart.Core.Model;

namespace FailSmart.Application.Features;

/// <summary>
/// A feature: the unit of product work, from the problem it answers to the flags, experiments and rollouts
/// that test and ship it, with what its return is worth per unit reached and what a person-day costs.
/// </summary>
/// <param name="Key">Identifier.</param>
/// <param name="Name">What people call it.</param>
/// <param name="Owner">Who answers for it.</param>
/// <param name="Problem">The problem it answers, in the team's words.</param>
/// <param name="Hypothesis">What the team believes and how it will know; null while it is only a problem.</param>
/// <param name="Phase">Where it stands.</param>
/// <param name="Links">Its flags, experiments and rollouts.</param>
/// <param name="Value">What a unit of its hypothesis metric is worth and what a person-day costs, for the investment curve.</param>
/// <param name="Version">Write version (the ETag).</param>
/// <param name="Archived">Kept for its history, out of lists.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="UpdatedAt">When it was last written.</param>
public sealed record Feature(
    string Key,
    string Name,
    string Owner,
    string Problem,
    Hypothesis? Hypothesis,
    FeaturePhase Phase,
    IReadOnlyList<FeatureLink> Links,
    FeatureValue Value,
    long Version,
    bool Archived,
    string CreatedBy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);
