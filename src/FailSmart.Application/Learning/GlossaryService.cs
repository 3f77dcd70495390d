using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

internal sealed class GlossaryService(ILearningStore store) : IGlossaryService
{
    private const int MaxTerms = 1000;
    private const int LessonsScanned = 200;

    public async Task<ServiceResult<IReadOnlyList<GlossaryTerm>>> ListAsync(Caller caller, string? text, bool includeArchived = false, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (text is { Length: > LearningLimits.MaxText })
        {
            return ServiceProblems.Invalid("q", $"q has {text.Length} characters, more than {LearningLimits.MaxText}.", "Search for a few words.");
        }

        IReadOnlyList<GlossaryHit> hits = await store.SearchTermsAsync(SearchWords.Of(text), includeArchived, MaxTerms, cancellationToken);
        return new ServiceResult<IReadOnlyList<GlossaryTerm>>(ServiceOutcome.Unchanged, [.. hits.Select(h => h.Term)]);
    }

    public async Task<ServiceResult<GlossaryTermView>> GetAsync(Caller caller, string key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.GetTermAsync(key, cancellationToken) is not { } term)
        {
            return ServiceProblems.NotFound("glossary term", key);
        }

        // The index finds lessons with every word of the term; the phrase check keeps those that use it as one.
        IReadOnlyList<LessonHit> hits = await store.SearchLessonsAsync(new LessonQuery(SearchWords.Of(term.Content.Term), Limit: LessonsScanned), cancellationToken);
        Lesson[] lessons = [.. hits.Select(h => h.Lesson).Where(l => LessonText.Uses(LessonText.All(l.Content), term.Content.Term)).OrderByDescending(l => l.CreatedAt).ThenByDescending(l => l.Id)];
        return new ServiceResult<GlossaryTermView>(ServiceOutcome.Unchanged, new GlossaryTermView(term, lessons));
    }

    public async Task<ServiceResult<GlossaryTerm>> CreateAsync(Caller caller, GlossaryInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (LearningAccess.MayWrite(caller, "the glossary") is { } forbidden)
        {
            return forbidden;
        }

        if (Check(input) is not { } draft)
        {
            return ServiceProblems.Invalid(Problems(input));
        }

        string key = KeyOf(draft.Term);
        return await store.CreateTermAsync(key, draft, caller.Actor, cancellationToken) is { } term
            ? new ServiceResult<GlossaryTerm>(ServiceOutcome.Created, term)
            : new ServiceProblem(409, "The term is in the glossary already.",
                $"A term with the key '{key}' exists. Change it with PUT /api/v1/glossary/{key}, or word this one differently.", [new FieldProblem("$.term", $"'{draft.Term}' is in the glossary already.", "Edit the existing term instead.")]);
    }

    public async Task<ServiceResult<GlossaryTerm>> UpdateAsync(Caller caller, string key, GlossaryInput input, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (LearningAccess.MayWrite(caller, "the glossary") is { } forbidden)
        {
            return forbidden;
        }

        if (await store.GetTermAsync(key, cancellationToken) is not { } current)
        {
            return ServiceProblems.NotFound("glossary term", key);
        }

        if (current.Archived)
        {
            return ServiceProblems.Archived("glossary term", "glossary", key, current.Version);
        }

        if (Check(input) is not { } draft)
        {
            return ServiceProblems.Invalid(Problems(input));
        }

        return Answer(key, await store.UpdateTermAsync(key, draft, expectedVersion, caller.Actor, cancellationToken));
    }

    public async Task<ServiceResult<GlossaryTerm>> SetArchivedAsync(Caller caller, string key, bool archived, long? expectedVersion, CancellationToken cancellationToken = default) =>
        LearningAccess.MayWrite(caller, "the glossary") is { } forbidden
            ? forbidden
            : Answer(key, await store.SetTermArchivedAsync(key, archived, expectedVersion, caller.Actor, cancellationToken));

    /// <summary>The key a term gets: its words joined by hyphens ("No-ads trial" is no-ads-trial), at most 100 characters.</summary>
    public static string KeyOf(string term)
    {
        string key = string.Join('-', SearchWords.Sequence(term));
        return key.Length <= LearningLimits.MaxTerm ? key : key[..LearningLimits.MaxTerm].TrimEnd('-');
    }

    private static GlossaryDraft? Check(GlossaryInput input) => Problems(input).Count > 0
        ? null
        : new GlossaryDraft(input.Term!.Trim(), input.Meaning!.Trim().ReplaceLineEndings("\n"), (input.Origin ?? "").Trim().ReplaceLineEndings("\n"));

    private static List<FieldProblem> Problems(GlossaryInput input)
    {
        var problems = new List<FieldProblem>();
        string term = input.Term?.Trim() ?? "";
        if (term.Length == 0)
        {
            problems.Add(new("$.term", "term is required.", "Write the word or phrase the team uses, such as \"no-ads trial\"."));
        }
        else if (term.Length > LearningLimits.MaxTerm || term.Contains('\n', StringComparison.Ordinal))
        {
            problems.Add(new("$.term", $"term must be one line of at most {LearningLimits.MaxTerm} characters.", "Keep the term short; explain it in meaning."));
        }
        else if (KeyOf(term).Length == 0)
        {
            problems.Add(new("$.term", $"'{LessonRules.Shorten(term)}' has no letters or digits.", "Write the term in words."));
        }

        string meaning = input.Meaning?.Trim() ?? "";
        if (meaning.Length == 0)
        {
            problems.Add(new("$.meaning", "meaning is required.", "Say what the team means by the term, so a newcomer understands it."));
        }
        else if (meaning.Length > LearningLimits.MaxText)
        {
            problems.Add(new("$.meaning", $"meaning has {meaning.Length} characters, more than {LearningLimits.MaxText}.", "Shorten it."));
        }

        if ((input.Origin?.Trim().Length ?? 0) > LearningLimits.MaxText)
        {
            problems.Add(new("$.origin", $"origin has more than {LearningLimits.MaxText} characters.", "Shorten it, and link to a lesson instead."));
        }

        return problems;
    }

    private static ServiceResult<GlossaryTerm> Answer(string key, LearningWrite<GlossaryTerm> write) => write.Status switch
    {
        LearningWriteStatus.Committed => new ServiceResult<GlossaryTerm>(ServiceOutcome.Changed, write.Value),
        LearningWriteStatus.Unchanged => new ServiceResult<GlossaryTerm>(ServiceOutcome.Unchanged, write.Value),
        LearningWriteStatus.Stale => ServiceProblems.StaleVersion("glossary term", key, write.Value!.Version),
        _ => ServiceProblems.NotFound("glossary term", key),
    };
}
