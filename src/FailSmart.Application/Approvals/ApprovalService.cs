using System.Text.Json;
using FailSmart.Application.Access;
using FailSmart.Application.Audit;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Approvals;

internal sealed class ApprovalService(IConfigStore store, IChangeRequestStore requests, ResourceService resources, ConfigChangeNotifier notifier) : IApprovalService
{
    public async Task<ServiceResult<IReadOnlyList<ChangeRequest>>> ListAsync(ChangeRequestQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 200)
        {
            return ServiceProblems.Invalid("limit", $"limit must be between 1 and 200, not {query.Limit}.", "Leave it out for 50.");
        }

        return new ServiceResult<IReadOnlyList<ChangeRequest>>(ServiceOutcome.Unchanged, await requests.ListChangeRequestsAsync(query, cancellationToken));
    }

    public Task<ChangeRequest?> GetAsync(long id, CancellationToken cancellationToken = default) => requests.GetChangeRequestAsync(id, cancellationToken);

    public async Task<IReadOnlyList<DiffLine>> DiffAsync(ChangeRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        StoredResource? current = await store.GetAsync(request.Kind, request.Key, cancellationToken);
        return request.Action switch
        {
            "archive" => [new DiffLine("$.archived", "false", "true")],
            "unarchive" => [new DiffLine("$.archived", "true", "false")],
            _ => JsonDiff.Between(current is { Archived: false } ? current.Document : null, request.Document),
        };
    }

    public async Task<ServiceResult<ChangeRequest>> ApproveAsync(Caller caller, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        (ChangeRequest? request, ServiceProblem? refused) = await DecidableAsync(caller, id, "approve", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        ChangeRequest? approved = await requests.TransitionChangeRequestAsync(
            id, ChangeRequestStatus.Pending, ChangeRequestStatus.Approved, caller.Actor, Note(note), null, cancellationToken);
        if (approved is null)
        {
            return AlreadyDecided(id, await requests.GetChangeRequestAsync(id, cancellationToken));
        }

        // Applied as its author wrote it, at the version it was written against, with the approver on record.
        var author = new Caller(request!.Author, request.AuthorId, CallerRole.Admin, Reason: request.Reason);
        ServiceResult<StoredResource> applied = await ApplyAsync(author, request, caller.Actor, cancellationToken);
        long revision = await store.GetRevisionAsync(cancellationToken);
        if (!applied.Succeeded)
        {
            ServiceProblem why = applied.Problem!;
            ChangeRequest? conflict = await requests.TransitionChangeRequestAsync(
                id, ChangeRequestStatus.Approved, ChangeRequestStatus.Conflict, caller.Actor, why.Detail, null, cancellationToken);
            notifier.Publish(await store.GetRevisionAsync(cancellationToken));
            return new ServiceResult<ChangeRequest>(ServiceOutcome.Refused, conflict, new ServiceProblem(
                409,
                "The change could not be applied; nothing was overwritten.",
                $"Change request #{id} was approved, but applying it failed: {why.Detail} It is now marked as a conflict. Ask its author to make the change again on the current version.",
                why.Errors,
                why.CurrentVersion));
        }

        ChangeRequest? done = await requests.TransitionChangeRequestAsync(
            id, ChangeRequestStatus.Approved, ChangeRequestStatus.Applied, caller.Actor, null, revision, cancellationToken);
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<ChangeRequest>(ServiceOutcome.Changed, done);
    }

    public async Task<ServiceResult<ChangeRequest>> RejectAsync(Caller caller, long id, string? note, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        (_, ServiceProblem? refused) = await DecidableAsync(caller, id, "reject", cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        return await TransitionAsync(id, ChangeRequestStatus.Rejected, caller, Note(note), cancellationToken);
    }

    public async Task<ServiceResult<ChangeRequest>> WithdrawAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ChangeRequest? request = await requests.GetChangeRequestAsync(id, cancellationToken);
        if (request is null)
        {
            return ServiceProblems.NotFound("change request", id.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (request.AuthorId != caller.Id)
        {
            return ServiceProblems.Forbidden($"Only the author of change request #{id} ({request.Author}) can withdraw it. Reject it instead, with a note saying why.");
        }

        return await TransitionAsync(id, ChangeRequestStatus.Withdrawn, caller, null, cancellationToken);
    }

    private async Task<ServiceResult<ChangeRequest>> TransitionAsync(long id, ChangeRequestStatus to, Caller caller, string? note, CancellationToken cancellationToken)
    {
        ChangeRequest? decided = await requests.TransitionChangeRequestAsync(id, ChangeRequestStatus.Pending, to, caller.Actor, note, null, cancellationToken);
        if (decided is null)
        {
            return AlreadyDecided(id, await requests.GetChangeRequestAsync(id, cancellationToken));
        }

        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<ChangeRequest>(ServiceOutcome.Changed, decided);
    }

    /// <summary>The request, when this caller may decide it now; otherwise why not.</summary>
    private async Task<(ChangeRequest? Request, ServiceProblem? Refused)> DecidableAsync(Caller caller, long id, string verb, CancellationToken cancellationToken)
    {
        if (!caller.CanEdit)
        {
            return (null, ServiceProblems.Forbidden($"Viewers cannot {verb} change requests. Ask an editor or an administrator."));
        }

        ChangeRequest? request = await requests.GetChangeRequestAsync(id, cancellationToken);
        if (request is null)
        {
            return (null, ServiceProblems.NotFound("change request", id.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (request.AuthorId == caller.Id)
        {
            return (null, ServiceProblems.Forbidden($"You wrote change request #{id}, so someone else must {verb} it. You can withdraw it."));
        }

        bool mayDecide = request.Environment is { } environment ? caller.MayEdit(environment) : caller.EditsEverywhere;
        if (!mayDecide)
        {
            return (null, ServiceProblems.Forbidden(
                $"Change request #{id} changes {request.Environment ?? "several environments"}, which your editor access does not cover. Ask an administrator."));
        }

        if (request.Status != ChangeRequestStatus.Pending)
        {
            return (null, AlreadyDecided(id, request).Problem);
        }

        return (request, null);
    }

    private async Task<ServiceResult<StoredResource>> ApplyAsync(Caller author, ChangeRequest request, string approver, CancellationToken cancellationToken)
    {
        switch (request.Action)
        {
            case "archive":
                return await resources.ApplyArchiveAsync(author, request.Kind, request.Key, request.BaseVersion, approver, cancellationToken);
            case "unarchive":
                StoredResource? archived = await store.GetAsync(request.Kind, request.Key, cancellationToken);
                return archived is null
                    ? ServiceProblems.NotFound(ResourceKindNames.Name(request.Kind), request.Key)
                    : await resources.ApplyUnarchiveAsync(author, request.Kind, request.Key, archived, request.BaseVersion, approver, cancellationToken);
        }

        using JsonDocument parsed = JsonDocument.Parse(request.Document ?? "{}");
        return request.Action switch
        {
            "create" => await resources.ApplyCreateAsync(author, request.Kind, request.Key, parsed.RootElement, request.Document!, request.Tags, approver, cancellationToken),
            "toggle" => await resources.ApplyToggleAsync(
                author, request.Key, request.Environment!, request.Document!, request.Tags, request.BaseVersion, "toggle", approver, cancellationToken),
            _ => await resources.ApplyUpdateAsync(
                author, request.Kind, request.Key, parsed.RootElement, request.Document!, request.Tags, request.BaseVersion, "update", approver, cancellationToken),
        };
    }

    private static ServiceResult<ChangeRequest> AlreadyDecided(long id, ChangeRequest? request) =>
        new(ServiceOutcome.Refused, request, new ServiceProblem(
            409,
            "This change request has been decided.",
            $"Change request #{id} is {request?.Status.ToString().ToLowerInvariant() ?? "gone"}{(request?.DecidedBy is { } by ? $" (by {by})" : "")}; only a pending request can be approved, rejected or withdrawn.",
            []));

    private static string? Note(string? note) => string.IsNullOrWhiteSpace(note) ? null : note.Trim();
}
