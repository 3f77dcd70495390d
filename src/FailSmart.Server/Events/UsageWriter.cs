using FailSmart.Application.Insights;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Events;

/// <summary>
/// Writes the server's own evaluation counts (<see cref="UsageCounter"/>) to the flag usage store every
/// <see cref="UsageWriterOptions.Interval"/>, and deletes usage older than the retention (90 days by default).
/// A failed write gives its counts back to the counter for the next try; stopping writes what is left.
/// </summary>
internal sealed partial class UsageWriter(
    UsageCounter counter, IFlagUsageStore store, IOptions<UsageWriterOptions> options, IOptions<FlagInsightsOptions> insights,
    TimeProvider time, ILogger<UsageWriter> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.Interval, time);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                await WriteAsync(CancellationToken.None);
                await PruneAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
            await WriteAsync(CancellationToken.None); // stopping: what was counted is written before the store closes
        }
    }

    /// <summary>Writes what was counted since the last call (the tests call it instead of waiting).</summary>
    public async Task WriteAsync(CancellationToken cancellationToken)
    {
        DateTimeOffset now = time.GetUtcNow();
        foreach ((string environment, string source, var counts) in counter.Drain())
        {
            var report = new FlagUsageReport(Guid.CreateVersion7().ToString(), environment, source, now,
                [.. counts.Select(c => new FlagUsageCount(c.Flag, c.Variation, c.Count, c.LastEvaluated))]);
            try
            {
                await store.RecordUsageAsync(report, cancellationToken);
            }
            catch (Exception e) when (e is StorageException or InvalidOperationException or IOException or System.Data.Common.DbException)
            {
                Log.WriteFailed(logger, e, counts.Count);
                foreach ((string flag, string variation, long count, DateTimeOffset last) in counts)
                {
                    counter.Restore(environment, source, flag, variation, count, last);
                }
            }
        }
    }

    private async Task PruneAsync(CancellationToken cancellationToken)
    {
        try
        {
            await store.PruneUsageAsync(time.GetUtcNow().AddDays(-insights.Value.RetentionDays), cancellationToken);
        }
        catch (Exception e) when (e is StorageException or InvalidOperationException or IOException or System.Data.Common.DbException)
        {
            Log.PruneFailed(logger, e);
        }
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 1500, Level = LogLevel.Warning, Message = "Writing {Count} flag usage counts failed; they are kept for the next write")]
        public static partial void WriteFailed(ILogger logger, Exception exception, int count);

        [LoggerMessage(EventId = 1501, Level = LogLevel.Warning, Message = "Deleting old flag usage failed; it is tried again at the next write")]
        public static partial void PruneFailed(ILogger logger, Exception exception);
    }
}
