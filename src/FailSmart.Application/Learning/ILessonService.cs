using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>
/// Lessons: retrospectives on a feature, an experiment or a rollout, kept so the next team does not repeat a
/// failure. Everyone signed in reads them; editors and administrators write them.
/// </summary>
public interface ILessonService
{
    /// <summary>Writes a new lesson, by the caller.</summary>
    Task<ServiceResult<Lesson>> CreateAsync(Caller caller, LessonInput input, CancellationToken cancellationToken = default);

    /// <summary>Replaces what a lesson says, if it is still at <paramref name="expectedVersion"/> (when given).</summary>
    Task<ServiceResult<Lesson>> UpdateAsync(Caller caller, long id, LessonInput input, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Archives a lesson (or brings it back): kept and readable, but out of lists, search and similar lessons.</summary>
    Task<ServiceResult<Lesson>> SetArchivedAsync(Caller caller, long id, bool archived, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>One lesson with the glossary terms it uses.</summary>
    Task<ServiceResult<LessonView>> GetAsync(Caller caller, long id, CancellationToken cancellationToken = default);

    /// <summary>Lessons matching every word of the text, best first; the newest when there are no words.</summary>
    Task<ServiceResult<IReadOnlyList<LessonFound>>> SearchAsync(Caller caller, LessonSearch search, CancellationToken cancellationToken = default);

    /// <summary>Past lessons most like what someone is about to start, each with why it was chosen.</summary>
    Task<ServiceResult<IReadOnlyList<SimilarLesson>>> SimilarAsync(Caller caller, SimilarLessonsQuery query, CancellationToken cancellationToken = default);
}
