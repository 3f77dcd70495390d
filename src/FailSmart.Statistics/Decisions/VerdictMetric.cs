namespace FailSmart.Statistics;

/// <summary>
/// One metric of one treatment against the control, as the verdict reads it: the always-valid relative
/// interval and p-value (valid at every look), the fixed-horizon standard error (to size the guardrail's
/// planned sample) and the metric's own planned sample. A primary metric that cannot be compared yet is
/// still passed, with NaN numbers: it stays in Holm's family (as p = 1) and never decides.
/// </summary>
/// <param name="Metric">The metric key.</param>
/// <param name="Variation">The treatment's key.</param>
/// <param name="Role">Primary, secondary or guardrail.</param>
/// <param name="Direction">Which way is better.</param>
/// <param name="Estimate">The relative lift.</param>
/// <param name="AlwaysValidInterval">The always-valid interval on the relative lift.</param>
/// <param name="AlwaysValidPValue">The always-valid p-value of "no difference".</param>
/// <param name="StandardError">The fixed-horizon standard error of the relative lift at <see cref="VerdictInput.Units"/>.</param>
/// <param name="PlannedUnits">The metric's planned sample over all variations.</param>
/// <param name="Margin">For a guardrail: the relative loss that must be ruled out; zero means it only stops on harm.</param>
public sealed record VerdictMetric(
    string Metric,
    string Variation,
    VerdictRole Role,
    MetricDirection Direction,
    double Estimate,
    Interval AlwaysValidInterval,
    double AlwaysValidPValue,
    double StandardError,
    long PlannedUnits,
    double Margin = 0);
