namespace FailSmart.Statistics;

/// <summary>
/// Units a balanced factorial launch needs to detect one term of the given order (1 = main effect, 2 = two-way
/// interaction) of size <see cref="Effect"/>: the exact total, the whole units per cell and in all, and the
/// two-sided power those units deliver.
/// </summary>
public sealed record FactorialPlan(int Features, int Order, double Effect, double ExactUnits, long UnitsPerCell, long Units, double PowerAtUnits);
