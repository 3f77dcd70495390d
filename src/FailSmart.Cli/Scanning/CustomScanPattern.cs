using System.Text.RegularExpressions;

namespace FailSmart.Cli.Scanning;

/// <summary>A pattern the user gives (<c>--pattern</c> or the settings file): a regular expression with exactly one capture group, the key.</summary>
internal static class CustomScanPattern
{
    // A user's expression may backtrack badly on some file; it stops instead of hanging a CI job.
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(2);

    /// <summary>The pattern, or null with <paramref name="problem"/> saying what is wrong and how to fix it.</summary>
    public static ScanPattern? Create(string where, string expression, out string? problem)
    {
        Regex regex;
        try
        {
            regex = new Regex(expression, RegexOptions.CultureInvariant | RegexOptions.Multiline | RegexOptions.Compiled, Timeout);
        }
        catch (ArgumentException ex)
        {
            problem = $"{where} '{expression}' is not a valid regular expression: {ex.Message} Write a .NET regular expression with one capture group around the key.";
            return null;
        }

        int[] groups = regex.GetGroupNumbers();
        if (groups.Length != 2)
        {
            problem = $"{where} '{expression}' has {groups.Length - 1} capture groups; it needs exactly one, around the key, such as feature\\(\"([a-z0-9-]+)\"\\). Make other groups non-capturing with (?:…).";
            return null;
        }

        problem = null;
        return new ScanPattern(where, regex, groups[1], Extensions: null);
    }
}
