using FailSmart.Application.Learning;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/glossary`: the team's vernacular, each term with where it came from and the lessons that use it.</summary>
internal static class GlossaryApi
{
    private const string Example = """{"term": "No-ads trial", "meaning": "Users who see no ads for a quarter; they must not be in other tests.", "origin": "The 2024 retention launch."}""";

    public static RouteGroupBuilder MapGlossaryApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/glossary").WithTags("Glossary");
        group.MapGet("/", ListAsync).WithName("ListGlossaryTerms")
            .WithSummary("Terms matching every word of q (term, meaning, origin), best first; without q, all alphabetically.")
            .Produces<List<GlossaryTermResponse>>().ProducesValidationProblem();
        group.MapGet("/{key}", GetAsync).WithName("GetGlossaryTerm").WithSummary("One term, with the lessons whose text uses it; its ETag is its version.")
            .Produces<GlossaryTermResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/", CreateAsync).WithName("CreateGlossaryTerm").WithMetadata(StrictJsonBody.For<GlossaryTermRequest>("term", "meaning"))
            .WithMetadata(new RequestBodyDocs(nameof(GlossaryTermRequest), Example))
            .WithSummary("Adds a term, audited as 'glossary.create'; its key is made from the term's words (\"No-ads trial\" is no-ads-trial). 409 when that key exists.")
            .Produces<GlossaryTermResponse>(StatusCodes.Status201Created).ProducesValidationProblem().ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPut("/{key}", UpdateAsync).WithName("UpdateGlossaryTerm").WithMetadata(StrictJsonBody.For<GlossaryTermRequest>("term", "meaning"))
            .WithMetadata(new RequestBodyDocs(nameof(GlossaryTermRequest), Example))
            .WithSummary("Changes what a term says (its key stays), audited as 'glossary.update'. Send If-Match with the ETag you read.")
            .Produces<GlossaryTermResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{key}/archive", (string key, IGlossaryService glossary, HttpContext http) => ArchiveAsync(key, true, glossary, http)).WithName("ArchiveGlossaryTerm")
            .WithSummary("Archives a term: kept, but out of the glossary's list and lessons' links. Optional If-Match.")
            .Produces<GlossaryTermResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        group.MapPost("/{key}/unarchive", (string key, IGlossaryService glossary, HttpContext http) => ArchiveAsync(key, false, glossary, http)).WithName("UnarchiveGlossaryTerm")
            .WithSummary("Brings an archived term back. Optional If-Match.")
            .Produces<GlossaryTermResponse>().ProducesProblem(StatusCodes.Status404NotFound).ProducesProblem(StatusCodes.Status412PreconditionFailed);
        return api;
    }

    private static async Task<IResult> ListAsync(string? q, bool? archived, IGlossaryService glossary, HttpContext http) =>
        Answer(await glossary.ListAsync(ApiCaller.From(http), q, archived ?? false, http.RequestAborted), terms => TypedResults.Ok(terms.Select(t => ToResponse(t)).ToList()));

    private static async Task<IResult> GetAsync(string key, IGlossaryService glossary, HttpContext http) =>
        Answer(await glossary.GetAsync(ApiCaller.From(http), key, http.RequestAborted), view =>
        {
            http.Response.Headers.ETag = ETags.ForVersion(view.Term.Version);
            return TypedResults.Ok(ToResponse(view.Term) with { Lessons = [.. view.Lessons.Select(l => new GlossaryLessonLink(l.Id, l.Content.Title))] });
        });

    private static async Task<IResult> CreateAsync(GlossaryTermRequest request, IGlossaryService glossary, HttpContext http) =>
        Written(await glossary.CreateAsync(ApiCaller.From(http), Input(request), http.RequestAborted), http);

    private static async Task<IResult> UpdateAsync(string key, GlossaryTermRequest request, IGlossaryService glossary, HttpContext http) =>
        !ETags.TryReadIfMatch(http.Request, out long? expected)
            ? LessonsApi.BadIfMatch()
            : Written(await glossary.UpdateAsync(ApiCaller.From(http), key, Input(request), expected, http.RequestAborted), http);

    private static async Task<IResult> ArchiveAsync(string key, bool archived, IGlossaryService glossary, HttpContext http) =>
        !ETags.TryReadIfMatch(http.Request, out long? expected)
            ? LessonsApi.BadIfMatch()
            : Written(await glossary.SetArchivedAsync(ApiCaller.From(http), key, archived, expected, http.RequestAborted), http);

    private static IResult Written(ServiceResult<GlossaryTerm> result, HttpContext http)
    {
        if (result.Problem is { } problem)
        {
            return ApiProblems.From(problem);
        }

        GlossaryTerm term = result.Value!;
        http.Response.Headers.ETag = ETags.ForVersion(term.Version);
        return result.Outcome == ServiceOutcome.Created
            ? TypedResults.Created($"/api/v1/glossary/{term.Key}", ToResponse(term))
            : TypedResults.Ok(ToResponse(term));
    }

    private static IResult Answer<T>(ServiceResult<T> result, Func<T, IResult> ok) =>
        result.Problem is { } problem ? ApiProblems.From(problem) : ok(result.Value!);

    private static GlossaryInput Input(GlossaryTermRequest request) => new(request.Term, request.Meaning, request.Origin);

    private static GlossaryTermResponse ToResponse(GlossaryTerm term) =>
        new(term.Key, term.Content.Term, term.Content.Meaning, term.Content.Origin, term.Author, term.CreatedAt, term.UpdatedAt, term.Version, term.Archived);
}
