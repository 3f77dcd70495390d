using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

internal sealed class LessonService(ILearningStore store, IConfigStore config) : ILessonService
{
    private const int MaxSearch = 200;
    private const int MaxSimilar = 20;
    private const int TextCandidates = 50;
    private const int OverlapCandidates = 200;
    private const int TermsScanned = 1000;

    public async Task<ServiceResult<Lesson>> CreateAsync(Caller caller, LessonInput input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (LearningAccess.MayWrite(caller, "lessons") is { } forbidden)
        {
            return forbidden;
        }

        (LessonDraft? draft, List<FieldProblem> problems) = await LessonRules.CheckAsync(input, config, cancellationToken);
        if (draft is null)
        {
            return ServiceProblems.Invalid(problems);
        }

        return new ServiceResult<Lesson>(ServiceOutcome.Created, await store.CreateLessonAsync(draft, caller.Actor, cancellationToken));
    }

    public async Task<ServiceResult<Lesson>> UpdateAsync(Caller caller, long id, LessonInput input, long? expectedVersion, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        if (LearningAccess.MayWrite(caller, "lessons") is { } forbidden)
        {
            return forbidden;
        }

        Lesson? current = await store.GetLessonAsync(id, cancellationToken);
        if (current is null)
        {
            return NotFound(id);
        }

        if (current.Archived)
        {
            return ServiceProblems.Archived("lesson", "lessons", Id(id), current.Version);
        }

        (LessonDraft? draft, List<FieldProblem> problems) = await LessonRules.CheckAsync(input, config, cancellationToken);
        if (draft is null)
        {
            return ServiceProblems.Invalid(problems);
        }

        return Answer(id, await store.UpdateLessonAsync(id, draft, expectedVersion, caller.Actor, cancellationToken));
    }

    public async Task<ServiceResult<Lesson>> SetArchivedAsync(Caller caller, long id, bool archived, long? expectedVersion, CancellationToken cancellationToken = default) =>
        LearningAccess.MayWrite(caller, "lessons") is { } forbidden
            ? forbidden
            : Answer(id, await store.SetLessonArchivedAsync(id, archived, expectedVersion, caller.Actor, cancellationToken));

    public async Task<ServiceResult<LessonView>> GetAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (await store.GetLessonAsync(id, cancellationToken) is not { } lesson)
        {
            return NotFound(id);
        }

        string text = LessonText.All(lesson.Content);
        IReadOnlyList<GlossaryHit> terms = await store.SearchTermsAsync([], includeArchived: false, TermsScanned, cancellationToken);
        return new ServiceResult<LessonView>(ServiceOutcome.Unchanged,
            new LessonView(lesson, [.. terms.Select(h => h.Term).Where(t => LessonText.Uses(text, t.Content.Term))]));
    }

    public async Task<ServiceResult<IReadOnlyList<LessonFound>>> SearchAsync(Caller caller, LessonSearch search, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(search);
        var problems = new List<FieldProblem>();
        if (search.Text is { Length: > LearningLimits.MaxText })
        {
            problems.Add(new("q", $"q has {search.Text.Length} characters, more than {LearningLimits.MaxText}.", "Search for a few words."));
        }

        if (search.Tag is not null && !LessonRules.IsSlug(search.Tag))
        {
            problems.Add(new("tag", $"'{LessonRules.Shorten(search.Tag)}' is not a tag.", "Tags are lowercase letters, digits and single hyphens, such as no-ads."));
        }

        (string Kind, string? Key)? subject = null;
        if (search.Subject is not null && (subject = LessonRules.ParseSubject(search.Subject)) is null)
        {
            problems.Add(new("subject", $"'{LessonRules.Shorten(search.Subject)}' is not a subject.", "Use kind:key, such as experiment:checkout, or a kind alone: feature, experiment or rollout."));
        }

        if (LearningAccess.Limit(search.Limit, MaxSearch) is { } limit)
        {
            return limit;
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        IReadOnlyList<string> words = SearchWords.Of(search.Text);
        IReadOnlyList<LessonHit> hits = await store.SearchLessonsAsync(
            new LessonQuery(words, Tag: search.Tag, SubjectKind: subject?.Kind, SubjectKey: subject?.Key, IncludeArchived: search.IncludeArchived, Limit: search.Limit),
            cancellationToken);
        double best = hits.Count == 0 ? 0 : hits.Max(h => h.Rank);
        return new ServiceResult<IReadOnlyList<LessonFound>>(ServiceOutcome.Unchanged,
            [.. hits.Select(h => new LessonFound(h.Lesson, best > 0 ? Math.Round(h.Rank / best, 4) : 0, words.Count == 0 ? null : LessonText.Snippet(h.Lesson.Content, words)))]);
    }

    public async Task<ServiceResult<IReadOnlyList<SimilarLesson>>> SimilarAsync(Caller caller, SimilarLessonsQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(query);
        var problems = new List<FieldProblem>();
        if (query.Text is { Length: > LearningLimits.MaxText })
        {
            problems.Add(new("text", $"text has {query.Text.Length} characters, more than {LearningLimits.MaxText}.", "Send the hypothesis or problem statement, not a whole document."));
        }

        IReadOnlyList<string> metrics = Slugs(query.Metrics, "metrics", Configuration.ResourceKeys.IsValid, "Use metric keys, such as retention-7d.", problems);
        IReadOnlyList<string> markets = Slugs(query.Markets, "markets", LessonRules.IsSlug, "Use lowercase slugs, such as se or nl.", problems);
        IReadOnlyList<string> tags = Slugs(query.Tags, "tags", LessonRules.IsSlug, "Use lowercase slugs, such as no-ads.", problems);
        (string Kind, string? Key)? exclude = null;
        if (query.Exclude is not null && (exclude = LessonRules.ParseSubject(query.Exclude)) is not { Key: not null })
        {
            problems.Add(new("exclude", $"'{LessonRules.Shorten(query.Exclude)}' is not a subject.", "Use kind:key, such as experiment:checkout."));
        }

        if (LearningAccess.Limit(query.Limit, MaxSimilar) is { } limit)
        {
            return limit;
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        IReadOnlyList<string> words = LessonText.Meaningful(query.Text);
        var candidates = new Dictionary<long, (Lesson Lesson, double Rank)>();
        if (words.Count > 0)
        {
            foreach (LessonHit hit in await store.SearchLessonsAsync(new LessonQuery(words, AnyWord: true, Limit: TextCandidates), cancellationToken))
            {
                candidates[hit.Lesson.Id] = (hit.Lesson, hit.Rank);
            }
        }

        var overlap = new LessonOverlap(tags, metrics, markets);
        if (!overlap.IsEmpty)
        {
            foreach (LessonHit hit in await store.SearchLessonsAsync(new LessonQuery(SharingAny: overlap, Limit: OverlapCandidates), cancellationToken))
            {
                candidates.TryAdd(hit.Lesson.Id, (hit.Lesson, 0));
            }
        }

        double best = candidates.Count == 0 ? 0 : candidates.Values.Max(c => c.Rank);
        SimilarLesson[] similar = [.. candidates.Values
            .Where(c => exclude is null || c.Lesson.Content.SubjectKind != exclude.Value.Kind || c.Lesson.Content.SubjectKey != exclude.Value.Key)
            .Select(c => LessonSimilarity.Score(c.Lesson, best > 0 ? c.Rank / best : 0, words, metrics, markets, tags))
            .Where(s => s.Score > 0)
            .OrderByDescending(s => s.Score)
            .ThenByDescending(s => s.Lesson.CreatedAt)
            .ThenByDescending(s => s.Lesson.Id)
            .Take(query.Limit)];
        return new ServiceResult<IReadOnlyList<SimilarLesson>>(ServiceOutcome.Unchanged, similar);
    }

    private static string[] Slugs(IReadOnlyList<string>? values, string name, Func<string, bool> valid, string hint, List<FieldProblem> problems)
    {
        if (values is null)
        {
            return [];
        }

        string[] kept = [.. values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.Ordinal)];
        if (kept.Length > LearningLimits.MaxListItems)
        {
            problems.Add(new(name, $"{kept.Length} {name} are more than {LearningLimits.MaxListItems}.", "Send the few that matter most."));
        }
        else if (kept.FirstOrDefault(v => !valid(v)) is { } bad)
        {
            problems.Add(new(name, $"'{LessonRules.Shorten(bad)}' is not valid in {name}.", hint));
        }

        return kept;
    }

    private static ServiceResult<Lesson> Answer(long id, LearningWrite<Lesson> write) => write.Status switch
    {
        LearningWriteStatus.Committed => new ServiceResult<Lesson>(ServiceOutcome.Changed, write.Value),
        LearningWriteStatus.Unchanged => new ServiceResult<Lesson>(ServiceOutcome.Unchanged, write.Value),
        LearningWriteStatus.Stale => ServiceProblems.StaleVersion("lesson", Id(id), write.Value!.Version),
        _ => NotFound(id),
    };

    private static ServiceProblem NotFound(long id) => ServiceProblems.NotFound("lesson", Id(id));

    private static string Id(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
