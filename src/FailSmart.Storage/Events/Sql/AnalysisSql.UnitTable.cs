namespace FailSmart.Storage.Events.Sql;

/// <summary>
/// The queries over a kept table of per-unit rows (<see cref="UnitRows"/>), which DuckDB keeps up to date
/// between refreshes. They use DuckDB's SQL only.
/// </summary>
internal sealed partial class AnalysisSql
{
    /// <summary>
    /// One row per unit exposed in this phase up to the scope's time, whether or not its retention day has
    /// ended: unit_id, u_variation and u_max_variation (the lowest and highest variation it saw; only a unit
    /// that saw one is analysed), first_ms, m_y, m_d, m_x, m_q, m_n (zeros for a unit without events, and
    /// for one that saw two variations). A unit's row depends only on its own exposures and events up to
    /// the scope's time, which is what lets an engine keep these rows and recompute only the units whose
    /// rows changed. m_n is a BIGINT: DuckDB reads a HUGEINT column's values for a few
    /// rows ten times slower. <paramref name="units"/>, when given, is a query of unit ids that limits the rows to those units.
    /// </summary>
    public string UnitRows(MetricDefinition metric, string? units) => $"""
        SELECT unit_id, u_variation, u_max_variation, first_ms,
               {dialect.ToDouble("coalesce(m_y, 0)")} AS m_y, {dialect.ToDouble("coalesce(m_d, 0)")} AS m_d,
               {dialect.ToDouble("coalesce(m_x, 0)")} AS m_x, {dialect.ToDouble("coalesce(m_q, 0)")} AS m_q, CAST(coalesce(m_n, 0) AS BIGINT) AS m_n
        FROM (
            SELECT unit_id, min(variation) AS u_variation, max(variation) AS u_max_variation, min(occurred_at_ms) AS first_ms
            FROM exposures
            WHERE {ScopeFilter}{OnlyUnits(units)}
            GROUP BY unit_id) AS this_units
        {dialect.LeftJoin} ({PerUnit(metric, eligibleOnly: false, units)}) AS per_unit USING (unit_id)
        """;

    /// <summary>The exposures of this phase, whatever their time.</summary>
    public string PhaseExposuresAnyTime =>
        $"environment = {dialect.Literal(scope.Environment)} AND experiment_key = {dialect.Literal(scope.ExperimentKey)} AND phase = {Num(scope.Phase)}";

    /// <summary>As <see cref="UnitMetric"/> without segments, over a table of <see cref="UnitRows"/>.</summary>
    public string UnitMetricFrom(string table, MetricDefinition metric, double? cap) =>
        UnitSums($"(SELECT '' AS u_segment, u_variation, m_y, m_d, m_x, m_q FROM {table} WHERE {Analysed(metric)}) AS unit_table", cap);

    /// <summary>
    /// As <see cref="PercentileCap"/>, over a table of <see cref="UnitRows"/>: the same rank of the same
    /// values, found as the smallest of the values from it up (DuckDB's max(value, n), a heap of about 1%
    /// of them) instead of sorting them all.
    /// </summary>
    public string PercentileCapFrom(string table, MetricDefinition metric, double fraction) => $"""
        WITH capped_values AS (SELECT {dialect.ToDouble("m_y")} AS c_y FROM {table} WHERE {Analysed(metric)} AND m_n > 0),
             cap_rank AS (
                SELECT count(*) AS c_n,
                       CAST(greatest(1.0, least({dialect.ToDouble("count(*)")}, ceil(count(*) * {Num(fraction)} - {RankTolerance}))) AS BIGINT) AS c_rank
                FROM capped_values)
        SELECT list_min(max(c_y, (SELECT greatest(1, c_n - c_rank + 1) FROM cap_rank))) AS c_value, (SELECT c_n FROM cap_rank) AS c_n
        FROM capped_values
        """;

    // A kept row is analysed when its unit saw one variation and, for retention, its day N has ended.
    private string Analysed(MetricDefinition metric) => $"u_variation = u_max_variation AND {Eligible(metric)}";
}
