namespace FailSmart.Application.Schedules;

/// <summary>Applies the scheduled changes that are due; the server's scheduler calls it every few seconds.</summary>
public interface IScheduleRunner
{
    /// <summary>Applies, fails or files for approval every change due now; returns how many it settled.</summary>
    Task<int> RunDueAsync(CancellationToken cancellationToken = default);
}
