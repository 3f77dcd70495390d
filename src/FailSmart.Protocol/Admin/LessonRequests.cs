namespace FailSmart.Protocol.Admin;

/// <summary>What a lesson is about: a feature, an experiment or a rollout (flag/environment/rule).</summary>
public sealed record LessonSubject(string? Kind, string? Key);

/// <summary>Writes a lesson, or replaces what it says.</summary>
/// <param name="Subject">What it is about.</param>
/// <param name="Title">One line.</param>
/// <param name="Expected">What we expected.</param>
/// <param name="Happened">What happened.</param>
/// <param name="Why">Why we think it happened.</param>
/// <param name="NextTime">What we will do differently.</param>
/// <param name="Tags">Lowercase slugs, at most 20.</param>
/// <param name="Metrics">Metric keys it concerns, at most 20.</param>
/// <param name="Markets">Markets or segments it concerns, as slugs, at most 20.</param>
/// <param name="Links">Evidence: http(s) URLs or FailSmart paths such as /experiments/checkout, at most 20.</param>
public sealed record LessonRequest(
    LessonSubject? Subject,
    string? Title,
    string? Expected,
    string? Happened,
    string? Why,
    string? NextTime,
    IReadOnlyList<string?>? Tags,
    IReadOnlyList<string?>? Metrics,
    IReadOnlyList<string?>? Markets,
    IReadOnlyList<string?>? Links);

/// <summary>A glossary term in a lesson's answer.</summary>
public sealed record LessonTermLink(string Key, string Term);

/// <summary>A lesson. Terms (in a single lesson's answer only) are the glossary terms its text uses.</summary>
public sealed record LessonResponse(
    long Id,
    LessonSubject Subject,
    string Title,
    string Expected,
    string Happened,
    string Why,
    string NextTime,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Markets,
    IReadOnlyList<string> Links,
    string Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    bool Archived,
    IReadOnlyList<LessonTermLink>? Terms = null);

/// <summary>A lesson found: relevance is the engine's rank over the best in this answer (0 to 1; 0 when no words were given).</summary>
public sealed record LessonHitResponse(LessonResponse Lesson, double Relevance, string? Snippet);

/// <summary>
/// A past lesson like the one planned. Score is 0.50 × text relevance + 0.25 × the share of the given metrics
/// it shares + 0.15 × tags + 0.10 × markets.
/// </summary>
public sealed record SimilarLessonResponse(
    LessonResponse Lesson,
    double Score,
    double TextScore,
    IReadOnlyList<string> SharedMetrics,
    IReadOnlyList<string> SharedMarkets,
    IReadOnlyList<string> SharedTags,
    IReadOnlyList<string> Mentions,
    string Reason);
