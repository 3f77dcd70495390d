using System.Globalization;

namespace FailSmart.Application.Investment;

/// <summary>ISO weeks as the ledger keeps them: by their Monday (a UTC date), written "2026-W14" or as any date in the week.</summary>
public static class IsoWeeks
{
    /// <summary>The first year a ledger week may be in.</summary>
    public const int FirstYear = 2000;

    /// <summary>The last year a ledger week may be in.</summary>
    public const int LastYear = 2100;

    /// <summary>The Monday that starts the ISO week of <paramref name="date"/>.</summary>
    public static DateOnly MondayOf(DateOnly date) => date.AddDays(-(((int)date.DayOfWeek + 6) % 7));

    /// <summary>The Monday of the week of <paramref name="moment"/>, in UTC.</summary>
    public static DateOnly MondayOf(DateTimeOffset moment) => MondayOf(DateOnly.FromDateTime(moment.UtcDateTime));

    /// <summary>"2026-W14".</summary>
    public static string Label(DateOnly monday)
    {
        DateTime day = monday.ToDateTime(TimeOnly.MinValue);
        return string.Create(CultureInfo.InvariantCulture, $"{ISOWeek.GetYear(day)}-W{ISOWeek.GetWeekOfYear(day):00}");
    }

    /// <summary>Reads "2026-W14" (also "2026-w14") or a date "2026-04-01"; the answer is that week's Monday.</summary>
    public static bool TryParse(string? text, out DateOnly monday)
    {
        monday = default;
        string value = text?.Trim() ?? string.Empty;
        int w = value.IndexOf("-W", StringComparison.OrdinalIgnoreCase);
        if (w == 4 && value.Length == 8
            && int.TryParse(value.AsSpan(0, 4), NumberStyles.None, CultureInfo.InvariantCulture, out int year)
            && int.TryParse(value.AsSpan(6), NumberStyles.None, CultureInfo.InvariantCulture, out int week)
            && year is >= FirstYear and <= LastYear && week >= 1 && week <= ISOWeek.GetWeeksInYear(year))
        {
            monday = DateOnly.FromDateTime(ISOWeek.ToDateTime(year, week, DayOfWeek.Monday));
            return true;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly date)
            && date.Year is >= FirstYear and <= LastYear)
        {
            monday = MondayOf(date);
            return true;
        }

        return false;
    }
}
