namespace FailSmart.Web.Experiments;

/// <summary>
/// How a chart plots an effect in the metric's own unit, so it reads like the table beside it (<c>ResultsText.Effect</c>):
/// a rate's in percentage points (0.05 is drawn at +5), any other metric's as the difference in its mean per unit.
/// </summary>
/// <param name="Scale">What an effect is multiplied by to be drawn.</param>
/// <param name="Unit">The unit in words, for captions.</param>
/// <param name="Title">The axis title, naming the unit.</param>
/// <param name="TickFormat">Plotly's format for the axis ticks.</param>
/// <param name="HoverFormat">Plotly's format for a hovered value.</param>
/// <param name="Suffix">What follows a hovered value.</param>
public sealed record AbsoluteEffectAxis(double Scale, string Unit, string Title, string TickFormat, string HoverFormat, string Suffix)
{
    public static AbsoluteEffectAxis For(string metricType) => metricType is "conversion" or "retention"
        ? new(100, "percentage points", "Effect (percentage points)", "+.3~g", "+.2f", " pp")
        : new(1, "the metric's unit", "Effect (difference in mean per unit)", "+.3~g", "+.4g", "");

    /// <summary>An effect (or an interval's bound) as drawn.</summary>
    public double? Plot(double? effect) => effect * Scale;
}
