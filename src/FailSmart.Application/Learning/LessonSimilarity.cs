using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>
/// How alike a past lesson is to what someone plans: half text relevance, a quarter the share of the asked-for
/// metrics it shares, 0.15 the share of tags and 0.10 the share of markets. Text relevance is itself half the
/// engine's rank over the best in the answer and half the share of the plan's words the lesson mentions: bm25
/// gives a word found in most lessons of a small repository almost no weight, and the topic word is often
/// such a word. A list the query leaves empty adds nothing, so scores compare within one query only.
/// </summary>
public static class LessonSimilarity
{
    public const double TextWeight = 0.50;
    public const double MetricWeight = 0.25;
    public const double TagWeight = 0.15;
    public const double MarketWeight = 0.10;

    /// <summary>Scores a lesson; <paramref name="textScore"/> is the engine's rank over the best candidate's, 0 to 1.</summary>
    internal static SimilarLesson Score(Lesson lesson, double textScore, IReadOnlyList<string> words, IReadOnlyList<string> metrics, IReadOnlyList<string> markets, IReadOnlyList<string> tags)
    {
        LessonDraft content = lesson.Content;
        string[] sharedMetrics = [.. metrics.Where(m => content.Metrics.Contains(m, StringComparer.Ordinal))];
        string[] sharedMarkets = [.. markets.Where(m => content.Markets.Contains(m, StringComparer.Ordinal))];
        string[] sharedTags = [.. tags.Where(t => content.Tags.Contains(t, StringComparer.Ordinal))];
        HashSet<string> lessonWords = LessonText.WordSet(LessonText.All(content));
        string[] mentions = [.. words.Where(lessonWords.Contains)];
        double text = (0.5 * textScore) + (words.Count == 0 ? 0 : 0.5 * mentions.Length / words.Count);
        double score = (TextWeight * text) + (MetricWeight * Share(sharedMetrics, metrics)) + (TagWeight * Share(sharedTags, tags)) + (MarketWeight * Share(sharedMarkets, markets));
        return new SimilarLesson(lesson, Math.Round(score, 4), Math.Round(text, 4), sharedMetrics, sharedMarkets, sharedTags, mentions,
            Reason(sharedMetrics, sharedMarkets, sharedTags, mentions));
    }

    private static double Share(string[] shared, IReadOnlyList<string> asked) => asked.Count == 0 ? 0 : (double)shared.Length / asked.Count;

    private static string Reason(string[] metrics, string[] markets, string[] tags, string[] mentions)
    {
        var parts = new List<string>();
        Add(parts, "shares metric", "shares metrics", metrics);
        Add(parts, "shares tag", "shares tags", tags);
        Add(parts, "shares market", "shares markets", markets);
        Add(parts, "mentions", "mentions", [.. mentions.Take(5)]);
        return string.Join("; ", parts);
    }

    private static void Add(List<string> parts, string one, string many, string[] values)
    {
        if (values.Length > 0)
        {
            parts.Add((values.Length == 1 ? one : many) + " " + string.Join(", ", values));
        }
    }
}
