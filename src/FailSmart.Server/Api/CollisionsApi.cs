using FailSmart.Application.Collisions;
using FailSmart.Application.Problems;

namespace FailSmart.Server.Api;

/// <summary>`GET /api/v1/collisions`: which running trials can reach the same units, from the configuration.</summary>
internal static class CollisionsApi
{
    public static RouteGroupBuilder MapCollisionsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/collisions", FindAsync).WithTags("Collisions").WithName("FindCollisions")
            .WithSummary("Running experiments, guarded rollouts and holdouts that can reach the same units in an environment: the same unit attribute, audiences that may overlap, and no layer between them. Each names what would separate them. Filter by trial (an experiment key, or a rollout's key rollout:<flag>:<rule>).")
            .Produces<List<Collision>>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> FindAsync(ICollisionService collisions, string? environment, string? trial, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(environment))
        {
            return ApiProblems.From(ServiceProblems.Invalid("environment", "Say which environment to check.", "Add ?environment=production (or another environment's key)."));
        }

        ServiceResult<IReadOnlyList<Collision>> result = await collisions.FindAsync(environment, string.IsNullOrWhiteSpace(trial) ? null : trial, cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value!.ToList());
    }
}
