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

    // For each canonical form shared by several characters, those characters.
    private static readonly Lazy<Dictionary<char, char[]>> s_variants = new(() =>
    {
        char[] canonical = s_canonical.Value;
        var variants = new Dictionary<char, List<char>>();
        for (int c = 0; c <= char.MaxValue; c++)
        {
            if (!variants.TryGetValue(canonical[c], out List<char>? list))
            {
                variants[canonical[c]] = list = [];
            }

            list.Add((char)c);
        }

        return variants.Where(pair => pair.Value.Count > 1).ToDictionary(pair => pair.Key, pair => pair.Value.ToArray());
    });

    public static char Canonicalize(char c)
    {
        char upper = char.ToUpperInvariant(c);
        return c >= 128 && upper < 128 ? c : upper;
    }

    /// <summary>Whether another character shares <paramref name="c"/>'s canonical form.</summary>
    public static bool HasOtherCases(char c) => s_variants.Value.ContainsKey(s_canonical.Value[c]);

    /// <summary>Every character whose canonical form is that of some character in <paramref name="ranges"/>.</summary>
    public static (char Low, char High)[] Close((char Low, char High)[] ranges)
    {
        char[] canonical = s_canonical.Value;
        if (ranges is [(char one, char same)] && one == same)
        {
            // A single literal, the usual case: its few case variants, without scanning every character.
            return s_variants.Value.TryGetValue(canonical[one], out char[]? variants) ? [.. variants.Select(c => (c, c))] : ranges;
        }

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
