using System.Security.Cryptography;
using System.Text;
using System.Threading.Channels;
using FailSmart.Storage;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Events;

/// <summary>
/// Stores the exposures of evaluations made on the server (OFREP) through the same event store as SDK
/// batches. Evaluations enqueue and return; a background writer appends in batches. Each exposure's id
/// is derived from (environment, unit, experiment, phase), so repeats and restarts never count twice.
/// </summary>
internal sealed class ExposureRecorder(IEventStore store, TimeProvider time, ILogger<ExposureRecorder> logger) : BackgroundService
{
    private const int MaxBatch = 5_000;
    private readonly Channel<Exposure> _queue = Channel.CreateBounded<Exposure>(new BoundedChannelOptions(100_000)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    private long _dropped;

    /// <summary>Exposures not recorded because the queue was full.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    public void Record(string environment, string unitId, string experimentKey, int phase, int variation)
    {
        string id = "srv-" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{environment}\n{unitId}\n{experimentKey}\n{phase}")))[..32];
        if (!_queue.Writer.TryWrite(new Exposure(id, environment, unitId, experimentKey, phase, variation, time.GetUtcNow())))
        {
            Interlocked.Increment(ref _dropped);
            ServerLog.ExposureDropped(logger);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Exposure>(MaxBatch);
        try
        {
            while (await _queue.Reader.WaitToReadAsync(stoppingToken))
            {
                await DrainAsync(batch);
            }
        }
        catch (OperationCanceledException)
        {
            await DrainAsync(batch); // stopping: write what is queued before the store closes
        }
    }

    private async Task DrainAsync(List<Exposure> batch)
    {
        while (_queue.Reader.TryRead(out Exposure? exposure))
        {
            batch.Add(exposure);
            if (batch.Count == MaxBatch)
            {
                await WriteAsync(batch);
            }
        }

        await WriteAsync(batch);
    }

    private async Task WriteAsync(List<Exposure> batch)
    {
        if (batch.Count == 0)
        {
            return;
        }

        try
        {
            await store.AppendAsync(new EventBatch([.. batch], []), CancellationToken.None);
        }
        catch (Exception ex) when (ex is StorageException or InvalidOperationException or IOException)
        {
            Interlocked.Add(ref _dropped, batch.Count);
            ServerLog.ExposureWriteFailed(logger, ex, batch.Count);
        }

        batch.Clear();
    }
}
