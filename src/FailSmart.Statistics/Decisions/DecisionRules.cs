using System.Globalization;

namespace FailSmart.Statistics;

/// <summary>
/// Turns an estimate into one of five statuses, each with a sentence. Significance comes first
/// (only from an interval that is valid at this look), then the planned sample: below
/// <see cref="DecisionInput.MinimumProgress"/> it is too early; past it, keep running with an ETA;
/// at the planned sample without significance it is inconclusive.
/// </summary>
public static class DecisionRules
{
    public static MetricDecision Decide(DecisionInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (input.PlannedUnits <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(input), input.PlannedUnits, "The planned sample must be positive.");
        }

        double progress = Math.Min(1.0, (double)input.Units / input.PlannedUnits);
        bool reachedPlan = input.Units >= input.PlannedUnits;
        bool canRead = input.IntervalIsAlwaysValid || reachedPlan;
        Interval ci = input.RelativeInterval;
        bool up = ci.IsAbove(0);
        bool down = ci.IsBelow(0);
        string range = RelativeRange(input.RelativeEstimate, ci);

        if (canRead && (up || down))
        {
            bool good = up == (input.Direction == MetricDirection.HigherIsBetter);
            return good
                ? Make(DecisionStatus.SignificantImprovement, null, $"Significant improvement: {range}.")
                : Make(DecisionStatus.SignificantHarm, null, $"Significant harm: {range}. Stop or roll back.");
        }

        if (reachedPlan)
        {
            return Make(
                DecisionStatus.Inconclusive,
                null,
                $"Inconclusive at the planned sample: {range}. Any effect is smaller than this test could detect.");
        }

        string done = $"{Percent(progress, false)} of the planned sample ({input.Units.ToString("N0", CultureInfo.InvariantCulture)} of {input.PlannedUnits.ToString("N0", CultureInfo.InvariantCulture)} units)";
        if (progress < input.MinimumProgress)
        {
            return Make(DecisionStatus.TooEarly, null, $"Too early: {done}. Not enough data to read a result.");
        }

        DateTimeOffset? eta = null;
        string when = "the traffic rate is unknown, so no date can be estimated";
        if (input.UnitsPerDay > 0)
        {
            double days = Math.Ceiling((input.PlannedUnits - input.Units) / input.UnitsPerDay);
            eta = input.Now.AddDays(days);
            when = $"expected decision by {eta.Value.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)} ({days.ToString(CultureInfo.InvariantCulture)} more days)";
        }

        return Make(DecisionStatus.KeepRunning, eta, $"Keep running: {done}; {when}. So far {range}.");

        MetricDecision Make(DecisionStatus status, DateTimeOffset? date, string message) =>
            new(status, progress, input.Units, input.PlannedUnits, date, ci, message);
    }

    /// <summary>
    /// A relative effect and its interval as the results page's columns write them, so a reason reads like the table beside
    /// it: one decimal for all three, a real minus sign, "+4.0% (interval +2.0% to +6.0%)".
    /// </summary>
    internal static string RelativeRange(double estimate, Interval interval) =>
        $"{Lift(estimate)} (interval {Lift(interval.Lower)} to {Lift(interval.Upper)})";

    private static string Lift(double fraction)
    {
        if (!double.IsFinite(fraction * 100))
        {
            return "undefined";
        }

        string text = Math.Abs(fraction * 100).ToString("0.0", CultureInfo.InvariantCulture) + "%";
        return text == "0.0%" ? text : (fraction < 0 ? "−" : "+") + text;
    }

    internal static string Percent(double fraction, bool signed = true)
    {
        if (!double.IsFinite(fraction * 100))
        {
            return "undefined"; // not "NaN%" or "Infinity%": the sums could not give a number
        }

        string text = (fraction * 100).ToString("0.##", CultureInfo.InvariantCulture) + "%";
        return signed && fraction > 0 ? "+" + text : text;
    }
}
