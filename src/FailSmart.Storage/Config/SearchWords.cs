using System.Globalization;
using System.Text;

namespace FailSmart.Storage.Config;

/// <summary>
/// Splits search text into the words both engines index alike: runs of letters, digits and marks, lower-cased.
/// Everything else separates words, so quotes, operators (AND, NEAR, '*', '-', ':') and brackets in what
/// someone types are never the engine's syntax; the words alone are matched, each as itself.
/// </summary>
public static class SearchWords
{
    /// <summary>More words than this add little to relevance and much to the query's cost.</summary>
    public const int MaxWords = 32;

    /// <summary>Longer runs are not words anyone searches for (and PostgreSQL skips words over 2,047 bytes).</summary>
    public const int MaxWordLength = 64;

    /// <summary>The distinct words of <paramref name="text"/>, in order, at most <paramref name="max"/>.</summary>
    public static IReadOnlyList<string> Of(string? text, int max = MaxWords)
    {
        var words = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (string word in Sequence(text))
        {
            if (words.Count == max)
            {
                break;
            }

            if (word.Length <= MaxWordLength && seen.Add(word))
            {
                words.Add(word);
            }
        }

        return words;
    }

    /// <summary>Every word of <paramref name="text"/> in order, repeats included.</summary>
    public static IEnumerable<string> Sequence(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            yield break;
        }

        var word = new StringBuilder();
        bool hasLetterOrDigit = false;
        foreach (char c in text + " ")
        {
            if (IsWordChar(c))
            {
                word.Append(c);
                hasLetterOrDigit |= char.IsLetterOrDigit(c);
                continue;
            }

            if (word.Length > 0)
            {
                string found = word.ToString().ToLowerInvariant();
                bool real = hasLetterOrDigit;
                word.Clear();
                hasLetterOrDigit = false;

                // A run of marks alone is no word either engine indexes.
                if (real)
                {
                    yield return found;
                }
            }
        }
    }

    // SQLite's unicode61 tokenizer keeps letters, numbers and private-use characters together; marks stay
    // with their letter as they do in PostgreSQL's parser. Surrogates (emoji and the like) separate.
    private static bool IsWordChar(char c) => char.GetUnicodeCategory(c) switch
    {
        UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter
            or UnicodeCategory.OtherLetter or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
            or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark => true,
        _ => false,
    };
}
