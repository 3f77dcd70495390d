namespace FailSmart.Statistics;

/// <summary>
/// How the verdict read one metric of one treatment: its corrected p-value and the correction used
/// (<c>holm</c> for primaries, <c>benjamini-hochberg</c> for secondaries, <c>none</c> for guardrails),
/// whether it is significant after that correction, and for a guardrail whether non-inferiority is shown.
/// </summary>
public sealed record VerdictReading(
    string Metric,
    string Variation,
    VerdictRole Role,
    double AdjustedPValue,
    string Correction,
    bool Significant,
    bool? NonInferior);
