namespace FailSmart.Statistics;

/// <summary>
/// A factorial result in plain language. A feature "helps" or "hurts" when its main effect's interval lies wholly
/// on the metric's good or bad side of zero. <see cref="Carrier"/> is the helping feature with the largest effect.
/// When <see cref="Interacts"/> is true a main effect is an average over the other features' states and the cell
/// means should be read before shipping any one feature alone.
/// </summary>
public sealed record FactorialSummary(
    MetricDirection Direction,
    IReadOnlyList<string> Helping,
    IReadOnlyList<string> Hurting,
    string? Carrier,
    bool Interacts,
    FactorialRecommendation Recommendation,
    string Explanation)
{
    public static FactorialSummary Summarize(FactorialResult result, MetricDirection direction)
    {
        ArgumentNullException.ThrowIfNull(result);
        double sign = direction == MetricDirection.HigherIsBetter ? 1 : -1;
        FactorialTerm[] helping = [.. result.MainEffects
            .Where(t => sign > 0 ? t.Effect.ConfidenceInterval.IsAbove(0) : t.Effect.ConfidenceInterval.IsBelow(0))
            .OrderByDescending(t => sign * t.Effect.Estimate)];
        string[] hurting = [.. result.MainEffects
            .Where(t => sign > 0 ? t.Effect.ConfidenceInterval.IsBelow(0) : t.Effect.ConfidenceInterval.IsAbove(0))
            .OrderBy(t => sign * t.Effect.Estimate)
            .Select(t => t.Name)];
        bool interacts = result.InteractionTest.PValue < result.Alpha;
        string? carrier = helping.Length > 0 ? helping[0].Name : null;
        FactorialRecommendation recommendation = (helping.Length > 0, hurting.Length > 0) switch
        {
            (true, true) => FactorialRecommendation.ShipSeparately,
            (true, false) => FactorialRecommendation.ShipHelping,
            (false, true) => FactorialRecommendation.ShipNone,
            _ => FactorialRecommendation.Inconclusive,
        };
        string[] helpingNames = [.. helping.Select(t => t.Name)];
        string explanation = recommendation switch
        {
            FactorialRecommendation.ShipSeparately =>
                $"{string.Join(", ", helpingNames)} helps and {string.Join(", ", hurting)} hurts: shipped together, the harm hides inside the bundle. Ship {string.Join(", ", helpingNames)} and hold back {string.Join(", ", hurting)}.",
            FactorialRecommendation.ShipHelping =>
                $"{string.Join(", ", helpingNames)} helps and no feature hurts; {carrier} carries most of the effect.",
            FactorialRecommendation.ShipNone =>
                $"{string.Join(", ", hurting)} hurts and no feature helps: ship none of them as they are.",
            _ => "No feature's effect is significant: the launch cannot yet say which feature moves the metric.",
        };
        if (interacts)
        {
            explanation +=
                $" The features interact (interaction test {EffectText.P(result.InteractionTest.PValue)}): a feature's effect depends on which others are on, so check the cell means for the combination you ship.";
        }

        return new FactorialSummary(direction, helpingNames, hurting, carrier, interacts, recommendation, explanation);
    }
}
