using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>
/// The team glossary: the words a team coins for what it learned ("no-ads trial", "peeking"), what they mean
/// and where they came from. A lesson uses a term when its text contains it, so a term lists its lessons.
/// </summary>
public interface IGlossaryService
{
    /// <summary>Terms matching every word of the text (term, meaning, origin), else all alphabetically.</summary>
    Task<ServiceResult<IReadOnlyList<GlossaryTerm>>> ListAsync(Caller caller, string? text, bool includeArchived = false, CancellationToken cancellationToken = default);

    /// <summary>One term with the lessons that use it.</summary>
    Task<ServiceResult<GlossaryTermView>> GetAsync(Caller caller, string key, CancellationToken cancellationToken = default);

    /// <summary>Adds a term; its key is made from the term ("No-ads trial" is no-ads-trial).</summary>
    Task<ServiceResult<GlossaryTerm>> CreateAsync(Caller caller, GlossaryInput input, CancellationToken cancellationToken = default);

    /// <summary>Changes what a term says, if it is still at <paramref name="expectedVersion"/> (when given); its key stays.</summary>
    Task<ServiceResult<GlossaryTerm>> UpdateAsync(Caller caller, string key, GlossaryInput input, long? expectedVersion, CancellationToken cancellationToken = default);

    /// <summary>Archives a term or brings it back.</summary>
    Task<ServiceResult<GlossaryTerm>> SetArchivedAsync(Caller caller, string key, bool archived, long? expectedVersion, CancellationToken cancellationToken = default);
}
