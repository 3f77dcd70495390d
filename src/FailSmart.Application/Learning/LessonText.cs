using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>A lesson's words, for the reasons similar lessons give, glossary links and search snippets.</summary>
internal static class LessonText
{
    private const int SnippetLength = 160;

    // Words too common to say anything about similarity: English function words, and the words of the
    // hypothesis template every plan is written in ("we believe showing X to new users will increase Y"),
    // which in a small repository would otherwise outweigh the topic. "no" and "not" stay: "no ads".
    private static readonly HashSet<string> s_common = new(StringComparer.Ordinal)
    {
        "a", "an", "and", "are", "as", "at", "be", "been", "but", "by", "did", "do", "for", "from", "had", "has", "have", "i", "if", "in", "into",
        "is", "it", "its", "of", "on", "or", "our", "so", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this", "to",
        "us", "was", "we", "were", "what", "when", "which", "who", "will", "with", "would", "you", "your",
        "believe", "because", "should", "user", "users", "customer", "customers", "people", "new", "more", "less", "fewer", "increase", "increases",
        "decrease", "decreases", "improve", "improves", "raise", "raises", "lower", "reduce", "reduces", "show", "shows", "showing", "make", "makes",
        "change", "changes", "test", "tests", "experiment", "experiments", "feature", "features", "day", "days", "week", "weeks", "month", "months",
    };

    public static string All(LessonDraft lesson) =>
        string.Join('\n', lesson.Title, string.Join(' ', lesson.Tags), lesson.Expected, lesson.Happened, lesson.Why, lesson.NextTime);

    /// <summary>Every distinct word of the text, lower-cased.</summary>
    public static HashSet<string> WordSet(string text) => new(SearchWords.Of(text, int.MaxValue), StringComparer.Ordinal);

    /// <summary>The words of a query that say something: common words and single characters ("7" of "7-day") left out.</summary>
    public static IReadOnlyList<string> Meaningful(string? text) =>
        [.. SearchWords.Of(text, 64).Where(w => w.Length > 1 && !s_common.Contains(w)).Take(SearchWords.MaxWords)];

    /// <summary>The text's words joined by single spaces, with a space at each end, for phrase containment.</summary>
    public static string Phrase(string text) => " " + string.Join(' ', SearchWords.Sequence(text)) + " ";

    /// <summary>Whether <paramref name="text"/> contains the term as whole words in order ("no-ads trial" in "the No ads trial ran").</summary>
    public static bool Uses(string text, string term)
    {
        string phrase = Phrase(term);
        return phrase.Trim().Length > 0 && Phrase(text).Contains(phrase, StringComparison.Ordinal);
    }

    /// <summary>About <see cref="SnippetLength"/> characters of the lesson around the first of the words it contains.</summary>
    public static string? Snippet(LessonDraft lesson, IReadOnlyList<string> words)
    {
        foreach (string part in new[] { lesson.Happened, lesson.Why, lesson.Expected, lesson.NextTime })
        {
            int at = words.Select(w => IndexOfWord(part, w)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
            if (at >= 0)
            {
                int start = Math.Max(0, at - (SnippetLength / 3));
                // Begin at a word, not inside one.
                while (start > 0 && start < at && !char.IsWhiteSpace(part[start - 1]))
                {
                    start++;
                }

                int end = Math.Min(part.Length, start + SnippetLength);
                return (start > 0 ? "…" : "") + part[start..end].ReplaceLineEndings(" ") + (end < part.Length ? "…" : "");
            }
        }

        return null;
    }

    private static int IndexOfWord(string text, string word)
    {
        int at = 0;
        while ((at = text.IndexOf(word, at, StringComparison.OrdinalIgnoreCase)) >= 0)
        {
            bool startsWord = at == 0 || !char.IsLetterOrDigit(text[at - 1]);
            bool endsWord = at + word.Length >= text.Length || !char.IsLetterOrDigit(text[at + word.Length]);
            if (startsWord && endsWord)
            {
                return at;
            }

            at += word.Length;
        }

        return -1;
    }
}
