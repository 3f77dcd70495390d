using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>A past lesson like what someone plans, with why it was chosen.</summary>
/// <param name="Lesson">The lesson.</param>
/// <param name="Score">0 to 1: see <see cref="LessonSimilarity"/> for the weights.</param>
/// <param name="TextScore">The text relevance alone, 0 to 1: half the engine's rank over the best in this answer, half the share of the query's words it mentions.</param>
/// <param name="SharedMetrics">Metrics it shares with the query.</param>
/// <param name="SharedMarkets">Markets it shares.</param>
/// <param name="SharedTags">Tags it shares.</param>
/// <param name="Mentions">Words of the query's text that it mentions.</param>
/// <param name="Reason">All of that in one line: "shares metric retention-7d; mentions ads, cohort".</param>
public sealed record SimilarLesson(
    Lesson Lesson,
    double Score,
    double TextScore,
    IReadOnlyList<string> SharedMetrics,
    IReadOnlyList<string> SharedMarkets,
    IReadOnlyList<string> SharedTags,
    IReadOnlyList<string> Mentions,
    string Reason);
