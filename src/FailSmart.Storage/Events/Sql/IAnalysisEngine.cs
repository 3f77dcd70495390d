namespace FailSmart.Storage.Events.Sql;

/// <summary>What the shared analysis needs from an engine: its dialect and a way to run a query.</summary>
internal interface IAnalysisEngine
{
    ISqlDialect Dialect { get; }

    /// <summary>Runs a query and returns its (small, aggregated) result.</summary>
    Task<IReadOnlyList<ResultRow>> QueryAsync(string sql, CancellationToken cancellationToken);
}
