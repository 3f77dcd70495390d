namespace FailSmart.Statistics;

/// <summary>
/// How far the cohort's mix over one attribute is from the target's: Pearson χ² goodness of fit of the cohort's
/// counts to the target's proportions (SciPy <c>chisquare</c>), and the standardised difference per level.
/// <see cref="LargestDifference"/> is the largest |standardised difference|, which orders attributes: unlike χ²
/// it does not grow with the cohort's size.
/// </summary>
public sealed record AttributeDifference(
    string Attribute,
    double ChiSquare,
    int DegreesOfFreedom,
    double PValue,
    double LargestDifference,
    IReadOnlyList<LevelDifference> Levels);
