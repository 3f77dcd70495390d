namespace FailSmart.Statistics;

/// <summary>
/// One-sided efficacy boundaries of a group-sequential design. At look k, reject when Z_k ≥
/// <see cref="ZUpper"/>[k]. <see cref="CumulativeAlpha"/> is the type I error actually spent by look k
/// (from the numerical integration) and <see cref="SpendingValues"/> what the spending function allows.
/// A two-sided symmetric design at 2α has the same z values.
/// </summary>
public sealed record GroupSequentialDesign(
    IReadOnlyList<double> InformationFractions,
    IReadOnlyList<double> ZUpper,
    IReadOnlyList<double> CumulativeAlpha,
    IReadOnlyList<double> NominalPOneSided,
    IReadOnlyList<double> SpendingValues);
