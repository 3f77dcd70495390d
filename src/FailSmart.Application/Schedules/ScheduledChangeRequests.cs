using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Schedules;

/// <summary>
/// The change-request store the approval gate files a due change's request through: the request is filed
/// and the scheduled change marked as waiting for it in one transaction, so a crash cannot file it twice.
/// </summary>
internal sealed class ScheduledChangeRequests(IScheduleStore schedules, IChangeRequestStore requests, long scheduleId) : IChangeRequestStore
{
    public async Task<ChangeRequest> CreateChangeRequestAsync(NewChangeRequest request, CancellationToken cancellationToken = default) =>
        await schedules.RequestScheduleApprovalAsync(scheduleId, request, cancellationToken) ?? throw new ScheduleNoLongerPendingException();

    public Task<ChangeRequest?> GetChangeRequestAsync(long id, CancellationToken cancellationToken = default) => requests.GetChangeRequestAsync(id, cancellationToken);

    public Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(ChangeRequestQuery query, CancellationToken cancellationToken = default) =>
        requests.ListChangeRequestsAsync(query, cancellationToken);

    public Task<ChangeRequest?> TransitionChangeRequestAsync(
        long id, ChangeRequestStatus from, ChangeRequestStatus to, string actor, string? note, long? appliedRevision, CancellationToken cancellationToken = default) =>
        requests.TransitionChangeRequestAsync(id, from, to, actor, note, appliedRevision, cancellationToken);
}
