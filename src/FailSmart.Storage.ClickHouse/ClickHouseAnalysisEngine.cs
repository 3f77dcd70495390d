using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.ClickHouse;

/// <summary>Runs the shared analysis SQL over HTTP.</summary>
internal sealed class ClickHouseAnalysisEngine(ClickHouseHttp http) : IAnalysisEngine
{
    public ISqlDialect Dialect => ClickHouseDialect.Instance;

    public async Task<IReadOnlyList<ResultRow>> QueryAsync(string sql, CancellationToken cancellationToken) =>
        TabSeparatedReader.Parse(await http.QueryAsync(sql, cancellationToken));
}
