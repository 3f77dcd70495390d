using System.Globalization;
using Plotly.Blazor.LayoutLib;

namespace FailSmart.Web.Experiments;

/// <summary>
/// The time axis of a chart over time. Plotly spans a lone moment by a fraction of a millisecond, which labels one
/// point with meaningless sub-second ticks; a timeline read at one moment so far gets twelve hours either side of it.
/// </summary>
public static class TimelineAxis
{
    /// <summary>The margin drawn either side of a timeline's only moment.</summary>
    public static readonly TimeSpan LoneMomentMargin = TimeSpan.FromHours(12);

    /// <summary>A moment as the charts' x values give it (UTC, to the minute).</summary>
    public static string Label(DateTimeOffset moment) => moment.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture);

    /// <summary>True when every point drawn sits at one moment: one refresh so far.</summary>
    public static bool IsLoneMoment(IEnumerable<DateTimeOffset> moments) => moments.Select(Label).Distinct(StringComparer.Ordinal).Count() == 1;

    public static XAxis For(IReadOnlyCollection<DateTimeOffset> moments)
    {
        if (!IsLoneMoment(moments))
        {
            return new XAxis { Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date, Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "End of day (UTC)" } };
        }

        DateTimeOffset only = moments.First();
        return new XAxis
        {
            Type = Plotly.Blazor.LayoutLib.XAxisLib.TypeEnum.Date,
            Range = [Label(only - LoneMomentMargin), Label(only + LoneMomentMargin)],
            Title = new Plotly.Blazor.LayoutLib.XAxisLib.Title { Text = "Read at (UTC)" },
        };
    }

    /// <summary>What a chart says under a timeline with one moment, so a lone point is not taken for a broken chart.</summary>
    public const string LoneMomentNote = "One point so far, read at the last refresh: the timeline adds one for each day's end as the experiment runs.";
}
