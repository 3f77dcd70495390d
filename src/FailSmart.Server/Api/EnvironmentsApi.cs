using FailSmart.Application.Environments;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/environments`: list, details with the approval policy, add, and the approval switch.</summary>
internal static class EnvironmentsApi
{
    public static RouteGroupBuilder MapEnvironmentsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder environments = api.MapGroup("/environments").WithTags("Environments");
        environments.MapGet("/", async (IEnvironmentService service, CancellationToken cancellationToken) =>
                TypedResults.Ok((await service.ListAsync(cancellationToken)).Select(e => e.Key).ToList()))
            .WithName("ListEnvironments").WithSummary("The environments' keys, in order (development, staging, production at first start).");
        environments.MapGet("/{key}", GetAsync).WithName("GetEnvironment").WithSummary("One environment with its name and approval policy.")
            .Produces<EnvironmentResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        environments.MapPost("/", CreateAsync).WithName("CreateEnvironment").WithMetadata(StrictJsonBody.For<EnvironmentCreateRequest>("key", "name"))
            .WithMetadata(new RequestBodyDocs(nameof(EnvironmentCreateRequest), """{"key": "qa", "name": "QA"}"""))
            .WithSummary("Adds an environment at the end of the list. Flags get a state there when they are next saved with one.")
            .Produces<EnvironmentResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        environments.MapPut("/{key}/approval", SetApprovalAsync).WithName("SetEnvironmentApproval").WithMetadata(StrictJsonBody.For<EnvironmentApprovalRequest>("requiresApproval"))
            .WithMetadata(new RequestBodyDocs(nameof(EnvironmentApprovalRequest), """{"requiresApproval": true}"""))
            .WithSummary("Turns approval on or off. While on, a change to what the environment serves becomes a change request that someone other than its author approves; turning a flag off stays immediate.")
            .Produces<EnvironmentResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetAsync(string key, IEnvironmentService service, CancellationToken cancellationToken) =>
        (await service.ListAsync(cancellationToken)).FirstOrDefault(e => e.Key == key) is { } environment
            ? TypedResults.Ok(ToResponse(environment))
            : ApiProblems.NotFound("environment", key);

    private static async Task<IResult> CreateAsync(EnvironmentCreateRequest request, IEnvironmentService service, HttpContext http)
    {
        ServiceResult<EnvironmentRecord> result = await service.CreateAsync(ApiCaller.From(http), request.Key, request.Name, http.RequestAborted);
        return result.Problem is { } problem
            ? ApiProblems.From(problem)
            : TypedResults.Created($"/api/v1/environments/{result.Value!.Key}", ToResponse(result.Value));
    }

    private static async Task<IResult> SetApprovalAsync(string key, EnvironmentApprovalRequest request, IEnvironmentService service, HttpContext http)
    {
        if (request.RequiresApproval is not bool requiresApproval)
        {
            return ApiProblems.Invalid("$.requiresApproval", "requiresApproval (true or false) is required.", "Send {\"requiresApproval\": true}.");
        }

        ServiceResult<EnvironmentRecord> result = await service.SetApprovalAsync(ApiCaller.From(http), key, requiresApproval, http.RequestAborted);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ToResponse(result.Value!));
    }

    private static EnvironmentResponse ToResponse(EnvironmentRecord environment) =>
        new(environment.Key, environment.Name, environment.Position, environment.RequiresApproval);
}
