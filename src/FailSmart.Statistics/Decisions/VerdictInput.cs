namespace FailSmart.Statistics;

/// <summary>
/// What <see cref="ExperimentVerdict.Decide"/> needs: every comparable metric × treatment, the red
/// checks (each a sentence), the units so far and their daily rate, and the clock's now.
/// </summary>
/// <param name="Metrics">One entry per metric and treatment that could be compared.</param>
/// <param name="RedChecks">The red checks, each a short phrase ("sample ratio mismatch (p = 1E-9)"); any makes the verdict invalid.</param>
/// <param name="Units">Analysed units over all variations.</param>
/// <param name="UnitsPerDay">The current rate of new units; zero when unknown.</param>
/// <param name="Now">From the caller's <see cref="TimeProvider"/>.</param>
/// <param name="Alpha">The family-wise level of the primaries and each guardrail's level.</param>
/// <param name="Power">The power wanted over all guardrails together (Schultzberg et al. plan each at 1 − β/G).</param>
public sealed record VerdictInput(
    IReadOnlyList<VerdictMetric> Metrics,
    IReadOnlyList<string> RedChecks,
    long Units,
    double UnitsPerDay,
    DateTimeOffset Now,
    double Alpha = 0.05,
    double Power = 0.8);
