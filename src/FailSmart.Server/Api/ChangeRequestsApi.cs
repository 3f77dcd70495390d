using FailSmart.Application.Approvals;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/change-requests`: changes waiting for approval, and their approval, rejection or withdrawal.</summary>
internal static class ChangeRequestsApi
{
    public static RouteGroupBuilder MapChangeRequestsApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/change-requests").WithTags("Change requests");
        group.MapGet("/", ListAsync).WithName("ListChangeRequests")
            .WithSummary("Change requests, newest first; filter by status (pending, approved, applied, rejected, conflict, withdrawn), kind and key; page with before=<id>.")
            .Produces<List<ChangeRequestResponse>>().ProducesValidationProblem();
        group.MapGet("/{id:long}", GetAsync).WithName("GetChangeRequest").WithSummary("One change request.")
            .Produces<ChangeRequestResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id:long}/approve", (long id, ChangeRequestDecision decision, IApprovalService approvals, HttpContext http) =>
                DecideAsync(approvals.ApproveAsync(ApiCaller.From(http), id, decision.Note, http.RequestAborted)))
            .WithName("ApproveChangeRequest").WithMetadata(StrictJsonBody.For<ChangeRequestDecision>())
            .WithMetadata(new RequestBodyDocs(nameof(ChangeRequestDecision), """{"note": "Checked with the payments team."}"""))
            .WithSummary("Approves and applies the change at the version it was written against. Its author cannot approve it. If the resource changed since, nothing is overwritten: 409, and the request ends as 'conflict'.")
            .Produces<ChangeRequestResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/reject", (long id, ChangeRequestDecision decision, IApprovalService approvals, HttpContext http) =>
                DecideAsync(approvals.RejectAsync(ApiCaller.From(http), id, decision.Note, http.RequestAborted)))
            .WithName("RejectChangeRequest").WithMetadata(StrictJsonBody.For<ChangeRequestDecision>())
            .WithMetadata(new RequestBodyDocs(nameof(ChangeRequestDecision), """{"note": "Not during the sale."}"""))
            .WithSummary("Rejects a pending change request; nothing is written.")
            .Produces<ChangeRequestResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        group.MapPost("/{id:long}/withdraw", (long id, IApprovalService approvals, HttpContext http) =>
                DecideAsync(approvals.WithdrawAsync(ApiCaller.From(http), id, http.RequestAborted)))
            .WithName("WithdrawChangeRequest").WithSummary("Its author takes a pending change request back.")
            .Produces<ChangeRequestResponse>().ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(
        IApprovalService approvals, string? status, string? kind, string? key, long? before, int? limit, CancellationToken cancellationToken)
    {
        ChangeRequestStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse(status, ignoreCase: true, out ChangeRequestStatus parsed) || !Enum.IsDefined(parsed) || int.TryParse(status, out _))
            {
                return ApiProblems.Invalid("status", $"'{status}' is not a status.", "Use pending, approved, applied, rejected, conflict or withdrawn.");
            }

            wanted = parsed;
        }

        ResourceKind? resourceKind = null;
        if (kind is not null)
        {
            if (ResourceKindRoutes.All.FirstOrDefault(r => r.Segment == kind || r.Kind.ToString().Equals(kind, StringComparison.OrdinalIgnoreCase)) is not { Segment: not null } route)
            {
                return ApiProblems.Invalid("kind", $"'{kind}' is not a resource kind.", "Use flag, segment, experiment, layer, holdout or metric.");
            }

            resourceKind = route.Kind;
        }

        ServiceResult<IReadOnlyList<ChangeRequest>> result = await approvals.ListAsync(new ChangeRequestQuery(wanted, resourceKind, key, before, limit ?? 50), cancellationToken);
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(result.Value!.Select(ServiceResults.ChangeRequest).ToList());
    }

    private static async Task<IResult> GetAsync(long id, IApprovalService approvals, CancellationToken cancellationToken) =>
        await approvals.GetAsync(id, cancellationToken) is { } request
            ? TypedResults.Ok(ServiceResults.ChangeRequest(request))
            : ApiProblems.NotFound("change request", id.ToString(System.Globalization.CultureInfo.InvariantCulture));

    private static async Task<IResult> DecideAsync(Task<ServiceResult<ChangeRequest>> decision)
    {
        ServiceResult<ChangeRequest> result = await decision;
        return result.Problem is { } problem ? ApiProblems.From(problem) : TypedResults.Ok(ServiceResults.ChangeRequest(result.Value!));
    }
}
