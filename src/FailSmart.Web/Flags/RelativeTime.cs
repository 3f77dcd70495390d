using System.Globalization;

namespace FailSmart.Web.Flags;

/// <summary>"3 minutes ago" for people, and the exact UTC time for a tooltip.</summary>
public static class RelativeTime
{
    public static string Since(DateTimeOffset at, DateTimeOffset now)
    {
        TimeSpan ago = now - at;
        return ago.TotalSeconds switch
        {
            < 60 => "just now",
            < 3600 => Plural((int)ago.TotalMinutes, "minute"),
            < 86400 => Plural((int)ago.TotalHours, "hour"),
            < 86400 * 45 => Plural((int)ago.TotalDays, "day"),
            _ => at.UtcDateTime.ToString("d MMM yyyy", CultureInfo.InvariantCulture),
        };
    }

    public static string Exact(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture);

    private static string Plural(int count, string unit) => count == 1 ? $"1 {unit} ago" : $"{count} {unit}s ago";
}
