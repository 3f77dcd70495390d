using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Schedules;

/// <summary>
/// Configuration changes to apply at a set time. A change is checked when it is scheduled as an immediate
/// write would be (the same refusals), and again when it is due, as its author's write at that moment.
/// </summary>
public interface IScheduleService
{
    /// <summary>Schedules a change, due strictly in the future; audited as "schedule.create".</summary>
    Task<ServiceResult<ScheduledChange>> CreateAsync(Caller caller, DateTimeOffset dueAt, ScheduleChangeInput change, CancellationToken cancellationToken = default);

    /// <summary>Scheduled changes, newest first.</summary>
    Task<ServiceResult<IReadOnlyList<ScheduledChange>>> ListAsync(ScheduleQuery query, CancellationToken cancellationToken = default);

    /// <summary>One scheduled change, or null.</summary>
    Task<ScheduledChange?> GetAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>Cancels a pending change; audited as "schedule.cancel" with the reason.</summary>
    Task<ServiceResult<ScheduledChange>> CancelAsync(Caller caller, long id, CancellationToken cancellationToken = default);
}
