namespace FailSmart.Storage.Config;

/// <summary>A lesson found, with the engine's text relevance (higher is better; 0 when no words were matched).</summary>
/// <param name="Lesson">The lesson.</param>
/// <param name="Rank">SQLite's bm25() negated, or PostgreSQL's ts_rank_cd: comparable within one answer only.</param>
public sealed record LessonHit(Lesson Lesson, double Rank);
