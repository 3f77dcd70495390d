using FailSmart.Application.Features;

namespace FailSmart.Application.Investment;

/// <summary>One ISO week of the investment curve: that week's spend and return, and both summed so far.</summary>
/// <param name="Week">The Monday.</param>
/// <param name="Phase">The phase most of that week's effort was for; null with no effort.</param>
/// <param name="PersonDays">Effort that week.</param>
/// <param name="Spend">Its cost; null when a cost is unknown.</param>
/// <param name="CumulativePersonDays">Effort up to and with this week.</param>
/// <param name="CumulativeSpend">Cost up to and with this week; null when a cost is unknown.</param>
/// <param name="Units">Units reached that week (of the shipped variation).</param>
/// <param name="Return">Return that week: effect × units × value per unit.</param>
/// <param name="ReturnLow">With the effect's lower bound.</param>
/// <param name="ReturnHigh">With the effect's upper bound.</param>
/// <param name="CumulativeReturn">Return up to and with this week.</param>
/// <param name="CumulativeLow">Its lower bound.</param>
/// <param name="CumulativeHigh">Its upper bound.</param>
/// <param name="Extrapolated">True when the week's units are carried on at the last measured rate (the experiment had ended).</param>
public sealed record CurveWeek(
    DateOnly Week,
    FeaturePhase? Phase,
    double PersonDays,
    double? Spend,
    double CumulativePersonDays,
    double? CumulativeSpend,
    double Units,
    double Return,
    double ReturnLow,
    double ReturnHigh,
    double CumulativeReturn,
    double CumulativeLow,
    double CumulativeHigh,
    bool Extrapolated);
