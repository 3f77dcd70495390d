using FailSmart.Application.Learning;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/lessons`: retrospectives on features, experiments and rollouts; search; similar past lessons.</summary>
internal static class LessonsApi
{
    private const string Example =
        """{"subject": {"kind": "experiment", "key": "no-ads-retention"}, "title": "Test cohort was already in the no-ads trial", "expected": "+6% 7-day retention", "happened": "-1% after launch", "why": "The test cohort overlapped the no-ads trial.", "nextTime": "Check collisions before launch.", "tags": ["cohort", "ads"], "metrics": ["retention-7d"], "markets": ["se"], "links": ["/experiments/no-ads-retention"]}""";

    public static RouteGroupBuilder MapLessonsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/lessons").WithTags("Lessons");
        group.MapGet("/", ListAsync).WithName("ListLessons")
            .WithSummary("Lessons matching every word of q (title, expected, happened, why, next time, tags), best first; without q, the newest first. Filter by tag and subject (kind:key or a kind).")
            .Produces<List<LessonHitResponse>>().ProducesValidationProblem();
        group.MapGet("/similar", SimilarAsync).WithName("SimilarLessons")
            .WithSummary("Past lessons most like what you plan: text relevance to text, plus shared metrics, markets and tags (comma-separated), each with the reason it was chosen. exclude=kind:key leaves out the planned subject's own lessons.")
            .Produces<List<SimilarLessonResponse>>().ProducesValidationProblem();
        group.MapGet("/{id:long}", GetAsync).WithName("GetLesson").WithSummary("One lesson, with the glossary terms it uses; its ETag is its version.")
            .Produces<LessonResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateLesson").WithMetadata(StrictJsonBody.For<LessonRequest>("subject", "title", "expected", "happened"))
            .WithMetadata(new RequestBodyDocs(nameof(LessonRequest), Example))
            .WithSummary("Writes a lesson, audited as 'lesson.create'. Text fields hold at most 10,000 characters (the title 200); lists at most 20 items.")
            .Produces<LessonResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapPut("/{id:long}", UpdateAsync).WithName("UpdateLesson").WithMetadata(StrictJsonBody.For<LessonRequest>("subject", "title", "expected", "happened"))
            .WithMetadata(new RequestBodyDocs(nameof(LessonRequest), Example))
            .WithSummary("Replaces what a lesson says, audited as 'lesson.update'. Send If-Match with the ETag you read; 412 when it changed since.")
            .Produces<LessonResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:long}/archive", (long id, ILessonService lessons, HttpContext http) => ArchiveAsync(id, true, lessons, http)).WithName("ArchiveLesson")
            .WithSummary("Archives a lesson: kept and readable, but out of lists, search and similar lessons. Optional If-Match.")
            .Produces<LessonResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{id:long}/unarchive", (long id, ILessonService lessons, HttpContext http) => ArchiveAsync(id, false, lessons, http)).WithName("UnarchiveLesson")
            .WithSummary("Brings an archived lesson back. Optional If-Match.")
            .Produces<LessonResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static async Task<IResult> ListAsync(string? q, string? tag, string? subject, bool? archived, int? limit, ILessonService lessons, HttpContext http) =>
        Answer(await lessons.SearchAsync(ApiCaller.From(http), new LessonSearch(q, tag, subject, archived ?? false, limit ?? 50), http.RequestAborted),
            found => TypedResults.Ok(found.Select(f => new LessonHitResponse(ToResponse(f.Lesson), f.Relevance, f.Snippet)).ToList()));

    private static async Task<IResult> SimilarAsync(
        string? text, string? metrics, string? markets, string? tags, string? exclude, int? limit, ILessonService lessons, HttpContext http) =>
        Answer(await lessons.SimilarAsync(ApiCaller.From(http), new SimilarLessonsQuery(text, Split(metrics), Split(markets), Split(tags), exclude, limit ?? 3), http.RequestAborted),
            similar => TypedResults.Ok(similar.Select(s => new SimilarLessonResponse(
                ToResponse(s.Lesson), s.Score, s.TextScore, s.SharedMetrics, s.SharedMarkets, s.SharedTags, s.Mentions, s.Reason)).ToList()));

    private static async Task<IResult> GetAsync(long id, ILessonService lessons, HttpContext http) =>
        Answer(await lessons.GetAsync(ApiCaller.From(http), id, http.RequestAborted), view =>
        {
            http.Response.Headers.ETag = ETags.ForVersion(view.Lesson.Version);
            return TypedResults.Ok(ToResponse(view.Lesson) with { Terms = [.. view.Terms.Select(t => new LessonTermLink(t.Key, t.Content.Term))] });
        });

    private static async Task<IResult> CreateAsync(LessonRequest request, ILessonService lessons, HttpContext http) =>
        Written(await lessons.CreateAsync(ApiCaller.From(http), Input(request), http.RequestAborted), http);

    private static async Task<IResult> UpdateAsync(long id, LessonRequest request, ILessonService lessons, HttpContext http) =>
        !ETags.TryReadIfMatch(http.Request, out long? expected)
            ? BadIfMatch()
            : Written(await lessons.UpdateAsync(ApiCaller.From(http), id, Input(request), expected, http.RequestAborted), http);

    private static async Task<IResult> ArchiveAsync(long id, bool archived, ILessonService lessons, HttpContext http) =>
        !ETags.TryReadIfMatch(http.Request, out long? expected)
            ? BadIfMatch()
            : Written(await lessons.SetArchivedAsync(ApiCaller.From(http), id, archived, expected, http.RequestAborted), http);

    internal static IResult BadIfMatch() =>
        ApiProblems.Invalid("If-Match", "If-Match must be an ETag this API sent, such as \"3\".", "Send the ETag header from your last read.");

    private static IResult Written(ServiceResult<Lesson> result, HttpContext http)
    {
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        Lesson lesson = result.Value!;
        http.Response.Headers.ETag = ETags.ForVersion(lesson.Version);
        return result.Outcome == ServiceOutcome.Created
            ? TypedResults.Created($"/api/v1/lessons/{lesson.Id}", ToResponse(lesson))
            : TypedResults.Ok(ToResponse(lesson));
    }

    private static IResult Answer<T>(ServiceResult<T> result, Func<T, IResult> ok) =>
        result.Problem is { } problem ? ApiProblems.From(problem) : ok(result.Value!);

    private static LessonInput Input(LessonRequest request) =>
        new(request.Subject?.Kind, request.Subject?.Key, request.Title, request.Expected, request.Happened, request.Why, request.NextTime,
            request.Tags, request.Metrics, request.Markets, request.Links);

    private static string[]? Split(string? list) =>
        list is null ? null : list.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    internal static LessonResponse ToResponse(Lesson lesson)
    {
        LessonDraft c = lesson.Content;
        return new LessonResponse(
            lesson.Id, new LessonSubject(c.SubjectKind, c.SubjectKey), c.Title, c.Expected, c.Happened, c.Why, c.NextTime, c.Tags, c.Metrics, c.Markets, c.Links,
            lesson.Author, lesson.CreatedAt, lesson.UpdatedAt, lesson.Version, lesson.Archived);
    }
}
