using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// The learning repository: lessons (retrospectives on a feature, experiment or rollout) and the team's
/// glossary, both searchable by the engine's full-text index (SQLite FTS5, PostgreSQL tsvector). Every
/// write is audited ("lesson.*", "glossary.*") in the same transaction.
/// </summary>
public interface ILearningStore
{
    /// <summary>Stores a new lesson at version 1, audited as "lesson.create".</summary>
    Task<Lesson> CreateLessonAsync(LessonDraft draft, string actor, CancellationToken cancellationToken = default);

    /// <summary>The lesson with this id, archived or not, or null.</summary>
    Task<Lesson?> GetLessonAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Replaces what a lesson says if it is at <paramref name="expectedVersion"/> (any version when null),
    /// audited as "lesson.update"; Unchanged when the draft is what it says already.
    /// </summary>
    Task<LearningWrite<Lesson>> UpdateLessonAsync(long id, LessonDraft draft, long? expectedVersion, string actor, CancellationToken cancellationToken = default);

    /// <summary>Archives a lesson or brings it back ("lesson.archive", "lesson.unarchive"); Unchanged when it already is so.</summary>
    Task<LearningWrite<Lesson>> SetLessonArchivedAsync(long id, bool archived, long? expectedVersion, string actor, CancellationToken cancellationToken = default);

    /// <summary>Lessons by full-text relevance (best first) when the query has words, else newest first.</summary>
    Task<IReadOnlyList<LessonHit>> SearchLessonsAsync(LessonQuery query, CancellationToken cancellationToken = default);

    /// <summary>Stores a new glossary term at version 1, audited as "glossary.create"; null when the key is taken.</summary>
    Task<GlossaryTerm?> CreateTermAsync(string key, GlossaryDraft draft, string actor, CancellationToken cancellationToken = default);

    /// <summary>The term with this key, archived or not, or null.</summary>
    Task<GlossaryTerm?> GetTermAsync(string key, CancellationToken cancellationToken = default);

    /// <summary>Replaces what a term says if it is at <paramref name="expectedVersion"/> (any when null), audited as "glossary.update".</summary>
    Task<LearningWrite<GlossaryTerm>> UpdateTermAsync(string key, GlossaryDraft draft, long? expectedVersion, string actor, CancellationToken cancellationToken = default);

    /// <summary>Archives a term or brings it back ("glossary.archive", "glossary.unarchive").</summary>
    Task<LearningWrite<GlossaryTerm>> SetTermArchivedAsync(string key, bool archived, long? expectedVersion, string actor, CancellationToken cancellationToken = default);

    /// <summary>
    /// Terms by full-text relevance over term, meaning and origin when <paramref name="words"/> has any
    /// (every word must occur), else alphabetically.
    /// </summary>
    Task<IReadOnlyList<GlossaryHit>> SearchTermsAsync(IReadOnlyList<string> words, bool includeArchived, int limit, CancellationToken cancellationToken = default);
}
