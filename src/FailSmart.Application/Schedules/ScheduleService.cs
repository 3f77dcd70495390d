using System.Globalization;
using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Schedules;

internal sealed class ScheduleService(
    IConfigStore store, IScheduleStore schedules, ScheduledWrites writes, ConfigChangeNotifier notifier, TimeProvider time) : IScheduleService
{
    public async Task<ServiceResult<ScheduledChange>> CreateAsync(
        Caller caller, DateTimeOffset dueAt, ScheduleChangeInput change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        ArgumentNullException.ThrowIfNull(change);
        if (!caller.CanEdit)
        {
            return ResourceAccess.ViewerRefused();
        }

        DateTimeOffset now = time.GetUtcNow();
        if (dueAt <= now)
        {
            return ServiceProblems.Invalid(
                "$.dueAt", $"dueAt {Text(dueAt)} is not in the future; it is {Text(now)} now.",
                "Choose a later time, as an ISO 8601 date and time with its offset, such as 2026-12-14T09:00:00Z. To change something now, write it directly.");
        }

        (ScheduledWrite? write, ServiceProblem? refused) = await writes.PrepareAsync(caller, change, cancellationToken);
        if (refused is not null)
        {
            return refused;
        }

        (IReadOnlyList<StoredResource> snapshot, _) = await store.SnapshotAsync(cancellationToken);
        if (writes.Validate(snapshot, write!) is { } invalid)
        {
            return invalid;
        }

        ScheduledChange created = await schedules.CreateScheduleAsync(
            new NewScheduledChange(
                dueAt, write!.Kind, write.Key, write.Environment, write.Action, write.Enabled, change.Document?.GetRawText(), write.Tags, write.Current?.Version,
                caller.Actor, caller.Id, caller.Reason),
            cancellationToken);
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<ScheduledChange>(ServiceOutcome.Created, created);
    }

    public async Task<ServiceResult<IReadOnlyList<ScheduledChange>>> ListAsync(ScheduleQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.Limit is < 1 or > 200)
        {
            return ServiceProblems.Invalid("limit", $"limit must be between 1 and 200, not {query.Limit}.", "Leave it out for 50.");
        }

        return new ServiceResult<IReadOnlyList<ScheduledChange>>(ServiceOutcome.Unchanged, await schedules.ListSchedulesAsync(query, cancellationToken));
    }

    public Task<ScheduledChange?> GetAsync(long id, CancellationToken cancellationToken = default) => schedules.GetScheduleAsync(id, cancellationToken);

    public async Task<ServiceResult<ScheduledChange>> CancelAsync(Caller caller, long id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        if (!caller.CanEdit)
        {
            return ResourceAccess.ViewerRefused();
        }

        ScheduledChange? schedule = await schedules.GetScheduleAsync(id, cancellationToken);
        if (schedule is null)
        {
            return ServiceProblems.NotFound("scheduled change", id.ToString(CultureInfo.InvariantCulture));
        }

        bool mayCancel = schedule.Change.Environment is { } environment ? caller.MayEdit(environment) : caller.EditsEverywhere;
        if (!mayCancel)
        {
            return ServiceProblems.Forbidden(
                $"Scheduled change #{id} changes {schedule.Change.Environment ?? "every environment"}, which your editor access does not cover. Ask an administrator.");
        }

        ScheduledChange? cancelled = schedule.Status == ScheduleStatus.Pending
            ? await schedules.CancelScheduleAsync(id, caller.Actor, caller.Reason, cancellationToken)
            : null;
        if (cancelled is null)
        {
            ScheduledChange now = await schedules.GetScheduleAsync(id, cancellationToken) ?? schedule;
            return NotPending(now);
        }

        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<ScheduledChange>(ServiceOutcome.Changed, cancelled);
    }

    private static ServiceProblem NotPending(ScheduledChange schedule) =>
        new(409, "The scheduled change is no longer pending.",
            $"Scheduled change #{schedule.Id} is {StatusText(schedule.Status)}, so it cannot be cancelled. " +
            (schedule.Status == ScheduleStatus.Applied ? "To undo it, make the opposite change." : "Nothing will be applied from it."),
            []);

    /// <summary>How people read a status: "pending", "waiting for approval", ….</summary>
    public static string StatusText(ScheduleStatus status) => status switch
    {
        ScheduleStatus.WaitingForApproval => "waiting for approval",
        _ => status.ToString().ToLowerInvariant(),
    };

    private static string Text(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
