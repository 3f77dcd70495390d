using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Approvals;

/// <summary>
/// Change requests: changes to environments that require approval, waiting for someone other than their
/// author. Approving applies the change at the version it was written against; when the resource changed
/// since, the request ends as a conflict and nothing is overwritten.
/// </summary>
public interface IApprovalService
{
    Task<ServiceResult<IReadOnlyList<ChangeRequest>>> ListAsync(ChangeRequestQuery query, CancellationToken cancellationToken = default);

    Task<ChangeRequest?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>What the request would change: the resource as it is now against the proposal.</summary>
    Task<IReadOnlyList<Audit.DiffLine>> DiffAsync(ChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>Approves and applies; a conflict is reported (409) and the request ends as <see cref="ChangeRequestStatus.Conflict"/>.</summary>
    Task<ServiceResult<ChangeRequest>> ApproveAsync(Caller caller, long id, string? note, CancellationToken cancellationToken = default);

    Task<ServiceResult<ChangeRequest>> RejectAsync(Caller caller, long id, string? note, CancellationToken cancellationToken = default);

    /// <summary>The author takes the request back.</summary>
    Task<ServiceResult<ChangeRequest>> WithdrawAsync(Caller caller, long id, CancellationToken cancellationToken = default);
}
