using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.ClickHouse;

/// <summary>Runs the shared analysis SQL over HTTP.</summary>
internal sealed class ClickHouseAnalysisEngine(ClickHouseHttp http) : IAnalysisEngine
{
    public ISqlDialect Dialect { get; private set; } = ClickHouseDialect.Instance;

    /// <summary>Reads how many threads the server gives a query, which the dialect splits metric events for.</summary>
    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        IReadOnlyList<ResultRow> rows = TabSeparatedReader.Parse(
            await http.QueryAsync("SELECT toUInt64OrZero(value) FROM system.settings WHERE name = 'max_threads'", cancellationToken));
        Dialect = new ClickHouseDialect(rows.Count == 0 ? 1 : (int)Math.Min(rows[0].GetInt64(0), ClickHouseDialect.MaxStreams));
    }

    public async Task<IReadOnlyList<ResultRow>> QueryAsync(string sql, CancellationToken cancellationToken) =>
        TabSeparatedReader.Parse(await http.QueryAsync(sql, cancellationToken));
}
