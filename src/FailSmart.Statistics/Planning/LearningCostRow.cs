namespace FailSmart.Statistics;

/// <summary>
/// One allocation's price of learning: how many days until the test can detect the effect, how many
/// units the treatment reaches meanwhile, and what those exposures cost if the variant is harmful
/// (units exposed × harm per unit × value per unit). <see cref="PowerAtDecision"/> is the power the
/// whole number of days actually delivers (at least the requested power).
/// </summary>
public sealed record LearningCostRow(
    double Allocation,
    double ControlShare,
    double TreatmentUnitsPerDay,
    int DaysToDecision,
    double PowerAtDecision,
    DateOnly? DecisionDate,
    long TreatmentUnits,
    long ControlUnits,
    double HarmPerUnit,
    double ExpectedCost,
    double CostPerDay);
