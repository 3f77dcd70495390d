using FailSmart.Client.Caching;
using FailSmart.Client.Diagnostics;
using FailSmart.Client.Events;
using FailSmart.Client.Insights;
using FailSmart.Client.Sync;
using FailSmart.Core.Model;
using Microsoft.Extensions.Logging;

namespace FailSmart.Client;

/// <summary>
/// The client. Evaluations read one immutable <see cref="RuleSetSnapshot"/> through a volatile field and
/// never lock; the background synchronizer swaps in a new snapshot when the rule set changes.
/// </summary>
internal sealed partial class FailSmartClient : IFailSmartClient
{
    private readonly FailSmartClientOptions _options;
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly HttpClient? _http;
    private readonly RuleSetDiskCache? _cache;
    private readonly EventPipeline _events;
    private readonly ExposureDeduplicator _exposures;
    private readonly UsageReporter? _usage;
    private readonly CancellationTokenSource _stop = new();
    private readonly TaskCompletionSource<ClientState> _initialized = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _stateGate = new();
    private RuleSetSnapshot? _snapshot;
    private int _state = (int)ClientState.NotReady;
    private string? _stateReason;
    private Task _sync = Task.CompletedTask;
    private Task _usageLoop = Task.CompletedTask;
    private int _disposed;

    private FailSmartClient(FailSmartClientOptions options, ILoggerFactory loggerFactory, TimeProvider time, HttpMessageHandler? handler)
    {
        _options = options;
        _logger = loggerFactory.CreateLogger("FailSmart.Client");
        _time = time;
        _http = options.ServerUrl is null ? null : ServerEndpoints.CreateHttpClient(options, handler);
        _cache = options.CacheDirectory is null ? null : new RuleSetDiskCache(options.CacheDirectory, _logger);
        _exposures = new ExposureDeduplicator(options.ExposureCacheSize);
        _events = new EventPipeline(options.SendEvents ? _http : null, options, time, _logger);
        _usage = options.EvaluationInsights && _http is not null
            ? new UsageReporter(_http, options.EvaluationInsightsInterval, options.RequestTimeout, time, _logger)
            : null;
    }

    public event EventHandler<ClientStateChangedEventArgs>? StateChanged;

    public event EventHandler? RuleSetChanged;

    public ClientState State => (ClientState)Volatile.Read(ref _state);

    public string? StateReason => Volatile.Read(ref _stateReason);

    public RuleSetOrigin Origin => Volatile.Read(ref _snapshot)?.Origin ?? RuleSetOrigin.None;

    public long Revision => Volatile.Read(ref _snapshot)?.Revision ?? 0;

    public IReadOnlyCollection<string> FlagKeys => Volatile.Read(ref _snapshot)?.FlagKeys ?? [];

    public Task<ClientState> Initialization => _initialized.Task;

    public DeliveryStatistics Delivery => _events.Statistics;

    internal RuleSetSnapshot? Snapshot => Volatile.Read(ref _snapshot);

    internal static FailSmartClient Start(FailSmartClientOptions options, ILoggerFactory loggerFactory, TimeProvider time, HttpMessageHandler? handler, (Configuration Configuration, string Environment)? local)
    {
        var client = new FailSmartClient(options, loggerFactory, time, handler);
        client.StartSources(local);
        if (client._usage is { } usage)
        {
            client._usageLoop = Task.Run(() => usage.RunAsync(client._stop.Token));
        }

        return client;
    }

    public async Task<ClientState> WaitForInitializationAsync(TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        try
        {
            return await _initialized.Task.WaitAsync(timeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            return State;
        }
    }

    public Task<bool> FlushAsync(CancellationToken cancellationToken = default) => _events.FlushAsync(cancellationToken);

    /// <summary>Sends the evaluation counts now instead of at the next interval; true when nothing is left unsent.</summary>
    internal Task<bool> FlushInsightsAsync(CancellationToken cancellationToken = default) =>
        _usage?.FlushAsync(cancellationToken) ?? Task.FromResult(true);

    // Off the caller's synchronization context, so a UI thread disposing cannot deadlock on the flush.
    public void Dispose() => Task.Run(() => DisposeAsync().AsTask()).GetAwaiter().GetResult();

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _sync.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await _usageLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        await FinalInsightsFlushAsync();
        _usage?.Dispose();
        await _events.DisposeAsync();
        _http?.Dispose();
        _stop.Dispose();
    }

    // The last counts go out within the shutdown timeout, or are lost with the process.
    private async Task FinalInsightsFlushAsync()
    {
        if (_usage is null)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(_options.ShutdownFlushTimeout, _time);
        try
        {
            await _usage.FlushAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            // Out of time: the counts are lost, as on a crash.
        }
    }

    // Start order: a local rule set; else the server, with the disk cache or the bootstrap file serving
    // meanwhile and as the fallback; else the caller's defaults with an Error state.
    private void StartSources((Configuration Configuration, string Environment)? local)
    {
        if (local is { } given)
        {
            Swap(RuleSetLoader.FromConfiguration(given.Configuration, given.Environment));
            SetState(ClientState.Ready, "The rule set was given in code.");
            return;
        }

        RuleSetSnapshot? fallback = _cache?.TryLoad(_options.Environment) ?? LoadBootstrap();
        if (fallback is not null)
        {
            Swap(fallback);
        }

        if (_http is null)
        {
            if (fallback is null)
            {
                SetState(ClientState.Error, "No server is configured and neither the cache nor a bootstrap file has a rule set: every evaluation returns its default.");
            }
            else
            {
                SetState(ClientState.Ready, $"Offline: the rule set comes from the {Describe(fallback.Origin)}.");
            }

            return;
        }

        var synchronizer = new RuleSetSynchronizer(this, _http, _options, _time, _logger);
        _sync = Task.Run(() => synchronizer.RunAsync(_stop.Token));
    }

    private RuleSetSnapshot? LoadBootstrap()
    {
        if (_options.BootstrapFile is not { } path)
        {
            return null;
        }

        try
        {
            string json = File.ReadAllText(path);
            if (RuleSetLoader.TryLoad(json, _options.Environment, RuleSetOrigin.Bootstrap, 0, null, out RuleSetSnapshot? snapshot, out string problem))
            {
                return snapshot;
            }

            ClientLog.BootstrapUnreadable(_logger, path, problem);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            ClientLog.BootstrapUnreadable(_logger, path, e.Message);
        }

        return null;
    }

    private static string Describe(RuleSetOrigin origin) => origin switch
    {
        RuleSetOrigin.DiskCache => "disk cache (the last good rule set)",
        RuleSetOrigin.Bootstrap => "bootstrap file",
        RuleSetOrigin.Server => "server, as last received",
        _ => origin.ToString(),
    };
}
