using System.Collections.Concurrent;
using System.Text.RegularExpressions;

namespace FailSmart.Core.Targeting;

/// <summary>
/// Compiled patterns shared across configurations. Building a non-backtracking matcher takes
/// milliseconds, and every configuration revision compiles every condition again, mostly with the
/// same patterns. A Regex is immutable and thread-safe, so one instance serves every evaluator.
/// </summary>
internal static class RegexCache
{
    // Patterns come from configuration writes, so the set is small; the bound only guards memory.
    private const int MaxEntries = 4_096;
    private static readonly ConcurrentDictionary<string, Regex> s_patterns = new(StringComparer.Ordinal);

    /// <summary>The matcher for a translated pattern (see <see cref="JsRegexTranslator"/>).</summary>
    /// <exception cref="ArgumentException">The engine rejects the pattern.</exception>
    /// <exception cref="NotSupportedException">The pattern is too complex for the engine.</exception>
    public static Regex Get(string translated)
    {
        if (s_patterns.TryGetValue(translated, out Regex? regex))
        {
            return regex;
        }

        regex = new Regex(translated, RegexOptions.NonBacktracking | RegexOptions.CultureInvariant);
        if (s_patterns.Count >= MaxEntries)
        {
            s_patterns.Clear();
        }

        return s_patterns.GetOrAdd(translated, regex);
    }
}
