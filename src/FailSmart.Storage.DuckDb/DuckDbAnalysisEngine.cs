using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.DuckDb;

/// <summary>Runs the shared analysis SQL on the store's connection.</summary>
internal sealed class DuckDbAnalysisEngine(DuckDbEventStore store) : IAnalysisEngine
{
    public ISqlDialect Dialect => DuckDbDialect.Instance;

    public Task<IReadOnlyList<ResultRow>> QueryAsync(string sql, CancellationToken cancellationToken) =>
        store.QueryRowsAsync(sql, cancellationToken);
}
