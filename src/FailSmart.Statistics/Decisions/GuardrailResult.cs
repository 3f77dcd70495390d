namespace FailSmart.Statistics;

/// <summary>
/// A guardrail's verdict. <see cref="WithinMargin"/> says whether the data also rule out a loss larger
/// than the margin (non-inferiority); without it, "no harm detected" means only that none was seen yet.
/// </summary>
public sealed record GuardrailResult(GuardrailVerdict Verdict, bool WithinMargin, double Margin, Interval RelativeInterval, string Message);
