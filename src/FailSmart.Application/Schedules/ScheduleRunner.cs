using System.Text.Json;
using FailSmart.Application.Access;
using FailSmart.Application.Approvals;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace FailSmart.Application.Schedules;

/// <summary>
/// Applies due changes as their authors' writes at that moment: the author's access is checked again, the
/// change validated again against the whole configuration, an environment that requires approval turns it
/// into a change request, and a resource changed since it was scheduled fails it without overwriting
/// anything. The write and the change's new status commit in one transaction (see <see cref="IScheduleStore"/>).
/// </summary>
internal sealed class ScheduleRunner(
    IConfigStore store,
    IScheduleStore schedules,
    IChangeRequestStore requests,
    ScheduledWrites writes,
    ValidatedWriter writer,
    ScheduleAuthors authors,
    ConfigChangeNotifier notifier,
    TimeProvider time,
    IOptions<ScheduleRunnerOptions> options,
    ILogger<ScheduleRunner> logger) : IScheduleRunner
{
    private const int Batch = 50;

    public async Task<int> RunDueAsync(CancellationToken cancellationToken = default)
    {
        IReadOnlyList<ScheduledChange> due = await schedules.ListDueSchedulesAsync(time.GetUtcNow(), Batch, cancellationToken);
        int settled = 0;
        foreach (ScheduledChange schedule in due)
        {
            if (options.Value.TestDelayBeforeApply > TimeSpan.Zero)
            {
#pragma warning disable CA5394 // a test-only pause; nothing depends on its randomness being unpredictable
                await Task.Delay(TimeSpan.FromTicks(Random.Shared.NextInt64(options.Value.TestDelayBeforeApply.Ticks)), time, cancellationToken);
#pragma warning restore CA5394
            }

            if (await ApplyAsync(schedule, cancellationToken))
            {
                settled++;
            }
        }

        return settled;
    }

    private async Task<bool> ApplyAsync(ScheduledChange schedule, CancellationToken cancellationToken)
    {
        NewScheduledChange change = schedule.Change;
        (Caller? caller, string? gone) = await authors.ResolveAsync(change, cancellationToken);
        if (caller is null)
        {
            return await FailAsync(schedule, gone!, cancellationToken);
        }

        using JsonDocument? parsed = change.Document is null ? null : JsonDocument.Parse(change.Document);
        var input = new ScheduleChangeInput(change.Kind, change.Key, parsed?.RootElement, change.Environment, change.Enabled);
        (ScheduledWrite? write, ServiceProblem? refused) = await writes.PrepareAsync(caller, input, cancellationToken);
        if (refused is not null)
        {
            return await FailAsync(schedule, refused.Detail, cancellationToken);
        }

        if (Changed(schedule, write!) is { } changed)
        {
            return await FailAsync(schedule, changed, cancellationToken);
        }

        bool killSwitch = write!.Action == "toggle" && write.Enabled == false && caller.Role == CallerRole.Admin;
        var gate = new ApprovalGate(store, new ScheduledChangeRequests(schedules, requests, schedule.Id), notifier);
        try
        {
            if (!killSwitch && await gate.RequestIfNeededAsync(
                caller, write.Kind, write.Key, write.Action, write.Current, write.Stored, write.Tags, cancellationToken, change.BaseVersion) is { Request: { } request })
            {
                ScheduleLog.AwaitsApproval(logger, schedule.Id, request.Id);
                return true;
            }
        }
        catch (ScheduleNoLongerPendingException)
        {
            return false;
        }

        string action = killSwitch && await gate.RequiresApprovalAsync(write.Environment!, cancellationToken) ? "kill-switch" : write.Action;
        var resourceWrite = new ResourceWrite(write.Kind, write.Key, write.Stored, write.Tags, change.BaseVersion, caller.Actor, caller.Reason, write.Environment);
        (ServiceProblem? invalid, WriteOutcome? outcome) = await writer.WriteAsync(
            snapshot => writes.Validate(snapshot, write),
            async revision => await schedules.ApplyScheduleAsync(schedule.Id, resourceWrite with { ValidatedAtRevision = revision }, action, cancellationToken)
                ?? new WriteOutcome(WriteStatus.Unchanged, null, 0),
            cancellationToken);
        if (invalid is not null)
        {
            // Busy is not the change's fault: it stays pending and is tried at the next look.
            return invalid.Status != 409 && await FailAsync(schedule, invalid.Detail, cancellationToken);
        }

        switch (outcome!.Status)
        {
            case WriteStatus.Committed:
                ScheduleLog.Applied(logger, schedule.Id, outcome.Revision);
                return true;
            case WriteStatus.Unchanged:
                return false; // applied or cancelled elsewhere meanwhile
            default:
                return await FailAsync(schedule, Changed(schedule, write with { Current = outcome.Resource }) ?? $"The write was refused ({outcome.Status}).", cancellationToken);
        }
    }

    /// <summary>Why the change no longer fits the resource it was written against; null when it still does.</summary>
    private static string? Changed(ScheduledChange schedule, ScheduledWrite write)
    {
        string what = $"{AdoConfigStore.KindName(write.Kind)} '{write.Key}'";
        long? scheduledAt = schedule.Change.BaseVersion;
        return (scheduledAt, write.Current) switch
        {
            (null, { } now) => $"The {what} was created (version {now.Version}) after this change was scheduled to create it, so nothing was overwritten. Schedule the change again against the current version.",
            ({ } then, null) => $"The {what} no longer exists as it did at version {then}, so nothing was written.",
            ({ } then, { } now) when now.Version != then =>
                $"The {what} changed since this change was scheduled: it is at version {now.Version}, not {then}, so nothing was overwritten. Schedule the change again against the current version.",
            _ => null,
        };
    }

    private async Task<bool> FailAsync(ScheduledChange schedule, string message, CancellationToken cancellationToken)
    {
        if (await schedules.FailScheduleAsync(schedule.Id, message, cancellationToken) is null)
        {
            return false;
        }

        ScheduleLog.Failed(logger, schedule.Id, message);
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return true;
    }
}
