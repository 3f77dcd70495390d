namespace FailSmart.Core.Targeting;

/// <summary>
/// JavaScript's case canonicalisation for a regular expression with the <c>i</c> flag and without
/// <c>u</c> (ECMA-262 Canonicalize): a character's upper case when that is a single character, unless
/// it would map a non-ASCII character to an ASCII one (so <c>ſ</c> does not match <c>s</c>, nor the
/// Kelvin sign <c>k</c>). Two characters match each other when their canonical forms are equal.
/// </summary>
internal static class JsCaseFolding
{
    private static readonly Lazy<char[]> s_canonical = new(BuildCanonical);

    // For each canonical form, how many characters have it.
    private static readonly Lazy<int[]> s_sharing = new(() =>
    {
        int[] counts = new int[char.MaxValue + 1];
        foreach (char form in s_canonical.Value)
        {
            counts[form]++;
        }

        return counts;
    });

    public static char Canonicalize(char c)
    {
        char upper = char.ToUpperInvariant(c);
        return c >= 128 && upper < 128 ? c : upper;
    }

    /// <summary>Whether another character shares <paramref name="c"/>'s canonical form.</summary>
    public static bool HasOtherCases(char c) => s_sharing.Value[s_canonical.Value[c]] > 1;

    /// <summary>Every character whose canonical form is that of some character in <paramref name="ranges"/>.</summary>
    public static (char Low, char High)[] Close((char Low, char High)[] ranges)
    {
        char[] canonical = s_canonical.Value;
        bool[] forms = new bool[char.MaxValue + 1];
        foreach ((char low, char high) in ranges)
        {
            for (int c = low; c <= high; c++)
            {
                forms[canonical[c]] = true;
            }
        }

        var result = new List<(char Low, char High)>();
        int start = -1;
        for (int c = 0; c <= char.MaxValue + 1; c++)
        {
            bool member = c <= char.MaxValue && forms[canonical[c]];
            if (member && start < 0)
            {
                start = c;
            }
            else if (!member && start >= 0)
            {
                result.Add(((char)start, (char)(c - 1)));
                start = -1;
            }
        }

        return [.. result];
    }

    private static char[] BuildCanonical()
    {
        char[] canonical = new char[char.MaxValue + 1];
        for (int c = 0; c <= char.MaxValue; c++)
        {
            canonical[c] = Canonicalize((char)c);
        }

        return canonical;
    }
}
