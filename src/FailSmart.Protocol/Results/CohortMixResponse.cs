namespace FailSmart.Protocol.Results;

/// <summary>
/// The cohort's mix over one attribute against the target's: Pearson χ² of the cohort's counts against the target's
/// shares, and the standardised difference per level (|d| above 0.1 is a mix that matters).
/// </summary>
/// <param name="Attribute">The unit attribute.</param>
/// <param name="ChiSquare">Pearson χ²; null when the cohort has units in a level the target lacks, which no reweighting can produce (then the p-value is 0).</param>
/// <param name="DegreesOfFreedom">Levels with an expected count, less one.</param>
/// <param name="PValue">The χ² p-value.</param>
/// <param name="LargestDifference">The largest |standardised difference|, which orders the attributes.</param>
/// <param name="CohortUnitsWithoutAttribute">Cohort units whose first exposure did not carry the attribute: left out of the mix.</param>
/// <param name="Levels">Each level's units and shares, in the cohort and in the target.</param>
public sealed record CohortMixResponse(
    string Attribute,
    double? ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    double LargestDifference,
    long CohortUnitsWithoutAttribute,
    IReadOnlyList<MixLevelResponse> Levels);
