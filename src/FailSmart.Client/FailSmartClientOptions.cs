namespace FailSmart.Client;

/// <summary>
/// Settings of a <see cref="IFailSmartClient"/>. Bindable from configuration (section "FailSmart");
/// <see cref="Validate"/> lists every problem at start.
/// </summary>
public sealed class FailSmartClientOptions
{
    public const string SectionName = "FailSmart";

    /// <summary>The FailSmart server, such as https://flags.example.com. Null runs offline from the cache, bootstrap or local rule set.</summary>
    public Uri? ServerUrl { get; set; }

    /// <summary>A server key (kind "server") for one environment. Never logged.</summary>
    public string? ServerKey { get; set; }

    /// <summary>The environment to evaluate; by default the one the server's rule set (or the bootstrap file) contains.</summary>
    public string? Environment { get; set; }

    /// <summary>Where the last good rule set is kept, so a restart without the server still serves it. Null keeps nothing.</summary>
    public string? CacheDirectory { get; set; }

    /// <summary>A rule set file (the configuration format) to start from when neither the server nor the cache has one.</summary>
    public string? BootstrapFile { get; set; }

    /// <summary>How long the first download may take before the client starts from the cache, the bootstrap file or the defaults.</summary>
    public TimeSpan InitializationTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Follow the server's change stream (SSE). When false, poll every <see cref="PollInterval"/>.</summary>
    public bool Streaming { get; set; } = true;

    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>A stream silent for this long is treated as dead (the server sends a heartbeat every 15 s).</summary>
    public TimeSpan StreamReadTimeout { get; set; } = TimeSpan.FromSeconds(45);

    /// <summary>Timeout of one request (download or event batch).</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>First retry delay; it doubles with each failure, with jitter, up to <see cref="MaxRetryDelay"/>.</summary>
    public TimeSpan MinRetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

    /// <summary>The longest wait between two tries: short enough that a kill switch reaches the app soon after a long outage.</summary>
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// After a healthy connection to the server drops, retry every <see cref="MinRetryDelay"/> (with jitter) for this
    /// long before backing off: most outages are a restart that is over in seconds. Zero backs off at once.
    /// </summary>
    public TimeSpan QuickReconnectWindow { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Wait after the server refuses the key (401/403): a wrong key does not fix itself in seconds.</summary>
    public TimeSpan AuthFailureRetryDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Send exposures and metric events to the server.</summary>
    public bool SendEvents { get; set; } = true;

    /// <summary>Events per batch.</summary>
    public int MaxBatchSize { get; set; } = 500;

    /// <summary>A batch is sent when full or after this long.</summary>
    public TimeSpan FlushInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Events held in memory waiting for a batch; beyond it new events are dropped and counted.</summary>
    public int MaxQueueSize { get; set; } = 10_000;

    /// <summary>Events held in memory while the server is unreachable, when there is no <see cref="EventBufferDirectory"/>.</summary>
    public int MaxPendingEvents { get; set; } = 50_000;

    /// <summary>Where undelivered batches are written while the server is unreachable, and kept across restarts.</summary>
    public string? EventBufferDirectory { get; set; }

    /// <summary>
    /// <see cref="EventDurability.Buffered"/> (the default) keeps events in memory until their batch is sent;
    /// <see cref="EventDurability.WriteAhead"/> writes each to a log in <see cref="EventBufferDirectory"/> before Track returns, so a crash loses none.
    /// </summary>
    public EventDurability EventDurability { get; set; } = EventDurability.Buffered;

    /// <summary>The most the on-disk buffer may hold.</summary>
    public long MaxEventBufferBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>How long disposing the client may spend delivering what is left.</summary>
    public TimeSpan ShutdownFlushTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>Units × experiment phases remembered to send each exposure once.</summary>
    public int ExposureCacheSize { get; set; } = 65_536;

    /// <summary>
    /// Count evaluations per flag and variation in memory and send the counts to the server about once per
    /// <see cref="EvaluationInsightsInterval"/>, for stale-flag insights. Needs a <see cref="ServerUrl"/>.
    /// </summary>
    public bool EvaluationInsights { get; set; } = true;

    /// <summary>How often evaluation counts are sent.</summary>
    public TimeSpan EvaluationInsightsInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Every problem with these settings, each saying how to fix it. Empty when valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (ServerUrl is not null)
        {
            if (!ServerUrl.IsAbsoluteUri || (ServerUrl.Scheme != Uri.UriSchemeHttp && ServerUrl.Scheme != Uri.UriSchemeHttps))
            {
                problems.Add("FailSmart:ServerUrl must be an absolute http or https address, such as https://flags.example.com.");
            }

            if (string.IsNullOrWhiteSpace(ServerKey))
            {
                problems.Add("FailSmart:ServerKey is required with a ServerUrl: create a server key for the environment in the FailSmart admin API.");
            }
        }

        Positive(problems, InitializationTimeout, nameof(InitializationTimeout));
        Positive(problems, PollInterval, nameof(PollInterval));
        Positive(problems, StreamReadTimeout, nameof(StreamReadTimeout));
        Positive(problems, RequestTimeout, nameof(RequestTimeout));
        Positive(problems, MinRetryDelay, nameof(MinRetryDelay));
        Positive(problems, FlushInterval, nameof(FlushInterval));
        Positive(problems, EvaluationInsightsInterval, nameof(EvaluationInsightsInterval));
        if (EventDurability == EventDurability.WriteAhead && string.IsNullOrWhiteSpace(EventBufferDirectory))
        {
            problems.Add("FailSmart:EventDurability WriteAhead needs FailSmart:EventBufferDirectory, the folder its log is written to (one process per folder).");
        }

        if (!Enum.IsDefined(EventDurability))
        {
            problems.Add("FailSmart:EventDurability must be Buffered or WriteAhead.");
        }

        if (QuickReconnectWindow < TimeSpan.Zero)
        {
            problems.Add("FailSmart:QuickReconnectWindow must not be negative.");
        }

        if (MaxRetryDelay < MinRetryDelay)
        {
            problems.Add("FailSmart:MaxRetryDelay must be at least MinRetryDelay.");
        }

        if (MaxBatchSize is < 1 or > 10_000)
        {
            problems.Add("FailSmart:MaxBatchSize must be between 1 and 10000.");
        }

        if (MaxQueueSize < 1 || MaxPendingEvents < 0 || MaxEventBufferBytes < 0 || ExposureCacheSize < 1)
        {
            problems.Add("FailSmart:MaxQueueSize and ExposureCacheSize must be positive; MaxPendingEvents and MaxEventBufferBytes must not be negative.");
        }

        return problems;
    }

    internal FailSmartClientOptions Clone() => (FailSmartClientOptions)MemberwiseClone();

    private static void Positive(List<string> problems, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
        {
            problems.Add($"FailSmart:{name} must be positive.");
        }
    }
}
