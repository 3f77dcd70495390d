using System.Globalization;
using System.Text.RegularExpressions;
using FailSmart.Storage.Events;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.ClickHouse;

/// <summary>
/// The event store at scale: ClickHouse over its HTTP interface. ClickHouse has no unique constraint,
/// so tables are ReplacingMergeTree keyed by event id and every analysis query removes duplicates
/// itself; counts are exact whether or not ClickHouse has merged the duplicates away yet. On a cluster
/// (<see cref="ClickHouseConnectionOptions.Cluster"/>) the same tables are Distributed over the shards.
/// </summary>
public sealed partial class ClickHouseEventStore : IEventStore, IDisposable
{
    private readonly ClickHouseConnectionOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly HttpClient _client;
    private readonly bool _ownsClient;
    private readonly ClickHouseLayout _layout;
    private readonly ClickHouseHttp _http;
    private readonly ClickHouseAnalysisEngine _engine;
    private readonly EventAnalysis _analysis;
    private int _schemaVersion;

    /// <param name="options">Where ClickHouse is and which database to use.</param>
    /// <param name="timeProvider">The clock for received-at times and the schema history.</param>
    /// <param name="httpClient">A client to use (from IHttpClientFactory); the store creates and owns one when null.</param>
    public ClickHouseEventStore(ClickHouseConnectionOptions options, TimeProvider timeProvider, HttpClient? httpClient = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        if (!DatabaseName().IsMatch(options.Database))
        {
            throw new ArgumentException($"The ClickHouse database name '{options.Database}' must be letters, digits and underscores, starting with a letter or underscore.", nameof(options));
        }

        _options = options;
        _timeProvider = timeProvider;
        _ownsClient = httpClient is null;
        _client = httpClient ?? new HttpClient { Timeout = options.Timeout };
        _layout = new ClickHouseLayout(_client, options);
        _http = _layout.Entry;
        _engine = new ClickHouseAnalysisEngine(_http);
        _analysis = new EventAnalysis(_engine);
    }

    public string Role => "events";

    public string Provider => "clickhouse";

    /// <summary>
    /// Creates or upgrades the schema. Replicas started together may run this at the same moment, and
    /// ClickHouse has no locks or transactional DDL, so every step is safe to run twice or at once: each
    /// statement is CREATE … IF NOT EXISTS (an "already exists" from a racing runner is success), and a
    /// version is recorded only when no row for it exists yet. Two runners in the same instant may both
    /// record it; the version is read with max(), so a repeated row changes nothing. On a cluster the
    /// tables are created on every shard, and the schema history is kept on the server at the URL.
    /// </summary>
    public async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _layout.CreateDatabaseAsync(cancellationToken);
        await _http.ExecuteIdempotentAsync(
            "CREATE TABLE IF NOT EXISTS failsmart_schema_history (version Int32, name String, applied_at String) ENGINE = MergeTree() ORDER BY version",
            cancellationToken);
        int current = await CurrentVersionAsync(cancellationToken);
        int latest = ClickHouseEventMigrations.All[^1].Version;
        if (current > latest)
        {
            throw new StorageException(
                StorageErrorCode.SchemaTooNew,
                $"The ClickHouse database '{_options.Database}' is at schema version {current}, but this FailSmart knows versions up to {latest}. " +
                "Upgrade FailSmart, or point it at another database.");
        }

        foreach ((int version, string name, TableStatement[] statements) in ClickHouseEventMigrations.All.Where(m => m.Version > current))
        {
            foreach (TableStatement statement in statements)
            {
                await _layout.ApplyAsync(statement, cancellationToken);
            }

            string number = version.ToString(CultureInfo.InvariantCulture);
            string at = _timeProvider.GetUtcNow().ToString("O", CultureInfo.InvariantCulture);
            await _http.ExecuteAsync(
                $"INSERT INTO failsmart_schema_history (version, name, applied_at) SELECT {number}, {ClickHouseDialect.Instance.Literal(name)}, {ClickHouseDialect.Instance.Literal(at)} " +
                $"WHERE (SELECT count() FROM failsmart_schema_history WHERE version = {number}) = 0",
                cancellationToken);
            current = version;
        }

        await _layout.CheckTablesAsync(ClickHouseEventMigrations.All.SelectMany(m => m.Statements).Select(s => s.Table).Distinct(), cancellationToken);
        await _engine.InitializeAsync(cancellationToken);
        _schemaVersion = current;
        return current;
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            string one = await _http.QueryAsync("SELECT 1", cancellationToken);
            return new StoreHealth(one.Trim() == "1", _schemaVersion, $"{_options.Url} database {_options.Database}");
        }
        catch (StorageException ex)
        {
            return new StoreHealth(false, _schemaVersion, ex.Message);
        }
    }

    public async Task<long> CountExposuresAsync(CancellationToken cancellationToken = default) =>
        TabSeparatedReader.Parse(await _http.QueryAsync("SELECT uniqExact(event_id) FROM exposures", cancellationToken))[0].GetInt64(0);

    /// <summary>Rows in both tables: count() without a filter is read from part metadata, so this stays cheap.</summary>
    public async Task<long> StoredRowsAsync(CancellationToken cancellationToken = default) =>
        TabSeparatedReader.Parse(await _http.QueryAsync("SELECT (SELECT count() FROM exposures) + (SELECT count() FROM metric_events)", cancellationToken))[0].GetInt64(0);

    /// <summary>
    /// Inserts exposures, then metric events, each as one INSERT. ClickHouse answers once the rows are
    /// written to a part on disk; a retried batch adds rows that analysis counts once.
    /// </summary>
    public async Task<AppendResult> AppendAsync(EventBatch batch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(batch);
        batch.Validate();
        long receivedAt = _timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        if (batch.Exposures.Count > 0)
        {
            await _http.InsertAsync("exposures", JsonEachRowWriter.ExposureColumns, JsonEachRowWriter.Exposures(batch.Exposures, receivedAt), cancellationToken);
        }

        if (batch.MetricEvents.Count > 0)
        {
            await _http.InsertAsync("metric_events", JsonEachRowWriter.MetricEventColumns, JsonEachRowWriter.MetricEvents(batch.MetricEvents, receivedAt), cancellationToken);
        }

        return new AppendResult(batch.Exposures.Count, batch.MetricEvents.Count, null);
    }

    public Task<ExposureSummary> SummarizeExposuresAsync(ExperimentScope scope, CancellationToken cancellationToken = default) =>
        _analysis.SummarizeExposuresAsync(scope, cancellationToken);

    public Task<IReadOnlyList<ExperimentOverlap>> FindOverlapsAsync(ExperimentScope scope, CancellationToken cancellationToken = default) =>
        _analysis.FindOverlapsAsync(scope, cancellationToken);

    public Task<MetricAnalysis> AnalyzeMetricAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken = default) =>
        _analysis.AnalyzeMetricAsync(scope, metric, cancellationToken);

    public Task<MetricBreakdown> AnalyzeBreakdownAsync(ExperimentScope scope, MetricDefinition metric, string attribute, CancellationToken cancellationToken = default) =>
        _analysis.AnalyzeBreakdownAsync(scope, metric, attribute, cancellationToken);

    public Task<MetricBreakdown> AnalyzeJointBreakdownAsync(
        ExperimentScope scope, MetricDefinition metric, IReadOnlyList<string> attributes, CancellationToken cancellationToken = default) =>
        _analysis.AnalyzeJointBreakdownAsync(scope, metric, attributes, cancellationToken);

    public Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributesAsync(
        string environment, IReadOnlyList<string> attributes, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _analysis.CountUnitsByAttributesAsync(environment, attributes, from, to, cancellationToken);

    public Task<MetricSummary> SummarizeMetricAsync(string environment, MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _analysis.SummarizeMetricAsync(environment, metric, from, to, cancellationToken);

    public Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributeAsync(
        string environment, string attribute, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken = default) =>
        _analysis.CountUnitsByAttributeAsync(environment, attribute, from, to, cancellationToken);

    public Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributeAsync(ExperimentScope scope, string attribute, CancellationToken cancellationToken = default) =>
        _analysis.CountUnitsByAttributeAsync(scope, attribute, cancellationToken);

    public void Dispose()
    {
        if (_ownsClient)
        {
            _client.Dispose();
        }
    }

    private async Task<int> CurrentVersionAsync(CancellationToken cancellationToken) =>
        (int)TabSeparatedReader.Parse(await _http.QueryAsync("SELECT max(version) FROM failsmart_schema_history", cancellationToken))[0].GetInt64(0);

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex DatabaseName();
}
