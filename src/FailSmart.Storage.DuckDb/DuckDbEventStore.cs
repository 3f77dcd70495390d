using DuckDB.NET.Data;
using FailSmart.Storage.Events;
using FailSmart.Storage.Events.Sql;
using FailSmart.Storage.Migrations;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// The embedded event store: one DuckDB file in the data folder. DuckDB allows one writing process
/// per file, so the store keeps a single connection and serialises access to it.
/// </summary>
public sealed partial class DuckDbEventStore : IEventStore, IAsyncDisposable
{
    /// <summary>The file name inside the data folder.</summary>
    public const string FileName = "events.duckdb";

    private readonly string _path;
    private readonly TimeProvider _timeProvider;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly EventAnalysis _analysis;
    private DuckDBConnection? _connection;
    private int _schemaVersion;

    public DuckDbEventStore(DataFolder folder, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(folder);
        _path = folder.PathOf(FileName);
        _timeProvider = timeProvider;
        _analysis = new EventAnalysis(new DuckDbAnalysisEngine(this));
    }

    public string Role => "events";

    public string Provider => "duckdb";

    public async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            _connection ??= Open();
            _schemaVersion = await MigrationRunner.ApplyAsync(_connection, DuckDbEventMigrations.All, "event", _timeProvider, cancellationToken);
            return _schemaVersion;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            object? one = await ScalarAsync("SELECT 1", cancellationToken);
            return new StoreHealth(Convert.ToInt32(one, System.Globalization.CultureInfo.InvariantCulture) == 1, _schemaVersion, _path);
        }
        catch (Exception ex) when (ex is DuckDBException or InvalidOperationException)
        {
            return new StoreHealth(false, _schemaVersion, ex.Message);
        }
    }

    public async Task<long> CountExposuresAsync(CancellationToken cancellationToken = default) =>
        Convert.ToInt64(await ScalarAsync("SELECT COUNT(*) FROM exposures", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

    public async Task<long> StoredRowsAsync(CancellationToken cancellationToken = default) =>
        Convert.ToInt64(await ScalarAsync("SELECT (SELECT COUNT(*) FROM exposures) + (SELECT COUNT(*) FROM metric_events)", cancellationToken), System.Globalization.CultureInfo.InvariantCulture);

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

    public async ValueTask DisposeAsync()
    {
        await _gate.WaitAsync();
        try
        {
            if (_connection is not null)
            {
                // A checkpoint folds the write-ahead log into the file, so the next start opens fast.
                using (DuckDBCommand checkpoint = _connection.CreateCommand())
                {
                    checkpoint.CommandText = "CHECKPOINT";
                    checkpoint.ExecuteNonQuery();
                }

                await _connection.DisposeAsync();
                _connection = null;
            }
        }
        finally
        {
            _gate.Release();
            _gate.Dispose();
        }
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            DuckDBConnection connection = _connection ?? throw new InvalidOperationException("The event store is not initialised.");
            await using DuckDBCommand command = connection.CreateCommand();
            command.CommandText = sql;
            return await command.ExecuteScalarAsync(cancellationToken);
        }
        finally
        {
            _gate.Release();
        }
    }

    private DuckDBConnection Open()
    {
        var connection = new DuckDBConnection($"Data Source={_path}");
        try
        {
            connection.Open();
            using (DuckDBCommand settings = connection.CreateCommand())
            {
                // Fewer checkpoints while events arrive: each one rewrites the row groups the log touched
                // (ingestion with the former event_id index measured 38% faster at 1 GB than at the
                // default 16 MB). Every commit is still durable in the write-ahead log; the cost is a
                // longer replay of that log when the server starts after a crash.
                settings.CommandText = "SET checkpoint_threshold = '1GB'";
                settings.ExecuteNonQuery();
            }

            return connection;
        }
        catch (DuckDBException ex)
        {
            connection.Dispose();
            bool locked = ex.Message.Contains("lock", StringComparison.OrdinalIgnoreCase);
            throw new StorageException(
                locked ? StorageErrorCode.Unavailable : StorageErrorCode.CorruptDatabase,
                locked
                    ? $"The event database '{_path}' is in use by another process. Stop the other FailSmart, or choose another data folder."
                    : $"The event database '{_path}' is not a readable DuckDB database ({ex.Message}). Restore it from a backup, or move it away to start with no events.",
                ex);
        }
    }
}
