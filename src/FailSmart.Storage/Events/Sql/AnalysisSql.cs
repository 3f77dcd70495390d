using System.Globalization;

namespace FailSmart.Storage.Events.Sql;

/// <summary>
/// Builds the analysis queries for one experiment phase. Every query aggregates inside the engine and
/// returns a handful of rows: per-variation counts, sums, sums of squares and cross-products.
/// Aliases never reuse a column name, because ClickHouse resolves aliases across the whole SELECT.
/// "Exposed to one variation only" is min(variation) = max(variation): the same answer as
/// count(DISTINCT variation) = 1 without a distinct set per unit, which is far cheaper on millions of units.
/// With <paramref name="everyExposureSinceMs"/> the units are instead everyone exposed to anything in the
/// environment from then to the scope's time, all as variation 0: a metric's baseline before any experiment on it.
/// </summary>
internal sealed partial class AnalysisSql(ISqlDialect dialect, ExperimentScope scope, long? everyExposureSinceMs = null)
{
    private const long DayMs = 86_400_000;

    // Order-statistic ranks are computed in floating point; the tolerance keeps n·q = 9 from becoming 9.000000000000002.
    private const string RankTolerance = "0.000000001";

    private string AsOf => Num(scope.AsOf.ToUnixTimeMilliseconds());

    private string ScopeFilter => everyExposureSinceMs is long since
        ? $"environment = {dialect.Literal(scope.Environment)} AND occurred_at_ms >= {Num(since)} AND occurred_at_ms <= {AsOf}"
        : $"environment = {dialect.Literal(scope.Environment)} AND experiment_key = {dialect.Literal(scope.ExperimentKey)} " +
          $"AND phase = {Num(scope.Phase)} AND occurred_at_ms <= {AsOf}";

    /// <summary>Columns: multi (0/1), variation, units, first exposure ms, last exposure ms.</summary>
    public string ExposureSummary() => $"""
        SELECT s_multi, s_variation, count(*) AS s_units, min(s_first) AS s_min, max(s_last) AS s_max
        FROM (
            SELECT unit_id,
                   CASE WHEN min(variation) <> max(variation) THEN 1 ELSE 0 END AS s_multi,
                   min(variation) AS s_variation,
                   min(occurred_at_ms) AS s_first,
                   max(occurred_at_ms) AS s_last
            FROM exposures
            WHERE {ScopeFilter}
            GROUP BY unit_id) AS per_unit
        GROUP BY s_multi, s_variation
        ORDER BY s_multi, s_variation
        """;

    /// <summary>
    /// Columns: experiment key, phase of every other phase with exposures in [since, last]: this phase's
    /// time and the lookback before it, where a cohort's enrolment in an earlier trial lies.
    /// </summary>
    public string OverlappingExperiments(long sinceMs, long lastMs) => $"""
        SELECT experiment_key AS o_key, phase AS o_phase
        FROM exposures
        WHERE environment = {dialect.Literal(scope.Environment)} AND occurred_at_ms <= {AsOf}
        GROUP BY experiment_key, phase
        HAVING max(occurred_at_ms) >= {Num(sinceMs)} AND min(occurred_at_ms) <= {Num(lastMs)}
           AND NOT (experiment_key = {dialect.Literal(scope.ExperimentKey)} AND phase = {Num(scope.Phase)})
        ORDER BY o_key, o_phase
        """;

    /// <summary>Columns: other key, other phase, this variation, other variation, units; the other's exposures count from <paramref name="sinceMs"/>.</summary>
    public string OverlapCells(IReadOnlyList<(string Key, int Phase)> others, long sinceMs)
    {
        string which = string.Join(" OR ", others.Select(o => $"(experiment_key = {dialect.Literal(o.Key)} AND phase = {Num(o.Phase)})"));
        return $"""
            SELECT o_key, o_phase, u_variation, o_variation, count(*) AS o_units
            FROM (
                SELECT unit_id, experiment_key AS o_key, phase AS o_phase, min(variation) AS o_variation
                FROM exposures
                WHERE environment = {dialect.Literal(scope.Environment)} AND occurred_at_ms >= {Num(sinceMs)} AND occurred_at_ms <= {AsOf} AND ({which})
                GROUP BY unit_id, experiment_key, phase
                HAVING min(variation) = max(variation)) AS other_units
            {dialect.InnerJoin} ({Units(null, null)}) AS this_units USING (unit_id)
            GROUP BY o_key, o_phase, u_variation, o_variation
            ORDER BY o_key, o_phase, u_variation, o_variation
            """;
    }

    /// <summary>
    /// Columns: segment, variation, n, ΣY, ΣY², ΣD, ΣD², ΣYD, ΣX, ΣX², ΣYX, ΣDX, ΣQ, ΣQ², ΣXQ, ΣYQ, ΣDQ;
    /// one row per (segment, variation). X and Q are the numerator and denominator before exposure (CUPED).
    /// </summary>
    public string UnitMetric(MetricDefinition metric, IReadOnlyList<string>? attributes, double? cap) =>
        UnitSums($"({Units(attributes, metric)}) AS this_units {dialect.LeftJoin} ({PerUnit(metric)}) AS per_unit USING (unit_id)", cap);

    private string UnitSums(string unitRows, double? cap)
    {
        string y = dialect.ToDouble("coalesce(m_y, 0)");
        string x = dialect.ToDouble("coalesce(m_x, 0)");
        if (cap is double c)
        {
            y = $"least({y}, {Num(c)})";
            x = $"least({x}, {Num(c)})";
        }

        return $"""
            SELECT r_segment, r_variation, count(*) AS r_units,
                   sum(r_y), sum(r_y * r_y), sum(r_d), sum(r_d * r_d), sum(r_y * r_d),
                   sum(r_x), sum(r_x * r_x), sum(r_y * r_x), sum(r_d * r_x),
                   sum(r_q), sum(r_q * r_q), sum(r_x * r_q), sum(r_y * r_q), sum(r_d * r_q)
            FROM (
                SELECT u_segment AS r_segment, u_variation AS r_variation,
                       {y} AS r_y, {dialect.ToDouble("coalesce(m_d, 0)")} AS r_d, {x} AS r_x, {dialect.ToDouble("coalesce(m_q, 0)")} AS r_q
                FROM {unitRows}) AS unit_rows
            GROUP BY r_segment, r_variation
            ORDER BY r_segment, r_variation
            """;
    }

    /// <summary>Columns: the cap value, and how many units it was computed from.</summary>
    public string PercentileCap(MetricDefinition metric, double fraction) =>
        PercentileCapOver($"({PerUnit(metric)}) AS per_unit", fraction);

    private string PercentileCapOver(string unitRows, double fraction) => $"""
        SELECT {dialect.Element("c_sorted", $"greatest(1.0, least({dialect.ToDouble("c_n")}, ceil(c_n * {Num(fraction)} - {RankTolerance})))")} AS c_value, c_n
        FROM (
            SELECT {dialect.SortedValues(dialect.ToDouble("m_y"))} AS c_sorted, count(*) AS c_n
            FROM {unitRows}
            WHERE m_n > 0) AS sorted_values
        """;

    /// <summary>Columns: segment, variation, units.</summary>
    public string UnitCounts(IReadOnlyList<string>? attributes) => $"""
        SELECT u_segment, u_variation, count(*) AS u_units
        FROM ({Units(attributes, null)}) AS this_units
        GROUP BY u_segment, u_variation
        ORDER BY u_segment, u_variation
        """;

    /// <summary>Columns: segment, variation, n values, Σv, Σv², estimate, lower, upper.</summary>
    public string Quantile(MetricDefinition metric, IReadOnlyList<string>? attributes)
    {
        string q = Num(metric.QuantileLevel);
        string spread = $"{Num(metric.QuantileIntervalZ)} * sqrt(q_n * {q} * (1 - {q}))";
        string Rank(string expression) => $"greatest(1.0, least({dialect.ToDouble("q_n")}, {expression}))";
        return $"""
            SELECT q_segment, q_variation, q_n, q_sum, q_sumsq,
                   {dialect.Element("q_sorted", Rank($"ceil(q_n * {q} - {RankTolerance})"))} AS q_estimate,
                   {dialect.Element("q_sorted", Rank($"floor(q_n * {q} - {spread} + {RankTolerance})"))} AS q_lower,
                   {dialect.Element("q_sorted", Rank($"ceil(q_n * {q} + {spread} - {RankTolerance})"))} AS q_upper
            FROM (
                SELECT u_segment AS q_segment, u_variation AS q_variation, count(*) AS q_n,
                       sum({dialect.ToDouble("coalesce(value, 0)")}) AS q_sum,
                       sum({dialect.ToDouble("coalesce(value, 0) * coalesce(value, 0)")}) AS q_sumsq,
                       {dialect.SortedValues(dialect.ToDouble("coalesce(value, 0)"))} AS q_sorted
                FROM {dialect.MetricEvents(EventFilter(metric))} AS events
                {dialect.InnerJoin} ({Units(attributes, null)}) AS this_units USING (unit_id)
                WHERE value IS NOT NULL AND {InWindow(metric)}
                GROUP BY u_segment, u_variation) AS quantiles
            ORDER BY q_segment, q_variation
            """;
    }

    /// <summary>
    /// Units exposed to exactly one variation: unit_id, u_variation, first_ms (first exposure) and
    /// u_segment (the attribute on the first exposure, or ''; several attributes as one <see cref="JointValue"/>, or ''
    /// when any is missing). Retention keeps only units whose day N ended.
    /// </summary>
    private string Units(IReadOnlyList<string>? attributes, MetricDefinition? metric, bool eligibleOnly = true, string? units = null)
    {
        string segment = attributes is null ? "''" : dialect.ArgMin(Segment(attributes), "occurred_at_ms");
        string eligible = eligibleOnly && metric is { Kind: MetricKind.Retention }
            ? $" AND min(occurred_at_ms) + {Num((metric.RetentionDay + 1) * DayMs)} <= {AsOf}"
            : "";
        // A baseline's units come from every experiment, whose variation indices mean nothing together.
        (string variation, string oneVariation) = everyExposureSinceMs is null
            ? ("min(variation)", "min(variation) = max(variation)")
            : ("0", "count(*) > 0");
        return $"""
            SELECT unit_id, {variation} AS u_variation, min(occurred_at_ms) AS first_ms, {segment} AS u_segment
            FROM exposures
            WHERE {ScopeFilter}{OnlyUnits(units)}
            GROUP BY unit_id
            HAVING {oneVariation}{eligible}
            """;
    }

    /// <summary>Retention counts only units whose day N has ended; every other metric counts every unit.</summary>
    private string Eligible(MetricDefinition metric) => metric.Kind == MetricKind.Retention
        ? $"first_ms + {Num((metric.RetentionDay + 1) * DayMs)} <= {AsOf}"
        : "1 = 1";

    private string Segment(IReadOnlyList<string> attributes)
    {
        string[] values = [.. attributes.Select(a => dialect.Property(dialect.Literal(a)))];
        if (values.Length == 1)
        {
            return values[0];
        }

        string parts = string.Join($", {dialect.Literal(JointValue.Separator.ToString())}, ", values);
        return $"CASE WHEN {string.Join(" OR ", values.Select(v => $"{v} = ''"))} THEN '' ELSE concat({parts}) END";
    }

    private static string OnlyUnits(string? units) => units is null ? "" : $" AND unit_id IN ({units})";

    /// <summary>
    /// Per unit with events: unit_id, m_y (numerator), m_d (denominator), m_x (covariate: the numerator
    /// before exposure), m_q (the denominator before exposure), m_n (events in the window).
    /// </summary>
    private string PerUnit(MetricDefinition metric, bool eligibleOnly = true, string? units = null)
    {
        UnitAggregates a = Aggregates(metric);
        return $"""
            SELECT unit_id, {dialect.ToDouble(a.Y.Sql)} AS m_y, {dialect.ToDouble(a.D?.Sql ?? "0")} AS m_d, {dialect.ToDouble(a.X.Sql)} AS m_x, {dialect.ToDouble(a.Q?.Sql ?? "0")} AS m_q, {a.N.Sql} AS m_n
            FROM {dialect.MetricEvents(EventFilter(metric) + OnlyUnits(units))} AS events
            {dialect.InnerJoin} ({Units(null, metric, eligibleOnly, units)}) AS exposed USING (unit_id)
            GROUP BY unit_id
            """;
    }

    /// <summary>
    /// What each column of a unit's metric row aggregates over the unit's events (joined with its
    /// first_ms): m_y, m_d (null: always 0), m_x, m_q (null: always 0) and m_n.
    /// </summary>
    internal UnitAggregates Aggregates(MetricDefinition metric)
    {
        string numerator = $"event_name = {dialect.Literal(metric.EventName)}";
        string inWindow = $"{numerator} AND {InWindow(metric)}";
        string beforeExposure = metric.CovariateWindow is { } cw
            ? $"occurred_at_ms >= first_ms - {Num((long)cw.TotalMilliseconds)} AND occurred_at_ms < first_ms"
            : "1 = 0";
        string before = $"{numerator} AND {beforeExposure}";
        string denominator = $"event_name = {dialect.Literal(metric.DenominatorEventName ?? metric.EventName)}";
        const string value = "coalesce(value, 0)";
        static UnitAggregate Sum(string condition, string what) => new(false, condition, what);
        static UnitAggregate Any(string condition) => new(true, condition, "1");
        static UnitAggregate Aggregate(EventAggregate aggregate, string condition) => aggregate == EventAggregate.Sum ? Sum(condition, value) : Sum(condition, "1");

        (UnitAggregate y, UnitAggregate? d, UnitAggregate x, UnitAggregate? q) = metric.Kind switch
        {
            MetricKind.Conversion or MetricKind.Retention => (Any(inWindow), null, Any(before), null),
            MetricKind.Count => (Sum(inWindow, "1"), null, Sum(before, "1"), null),
            MetricKind.Sum => (Sum(inWindow, value), null, Sum(before, value), null),
            MetricKind.Mean => (Sum(inWindow, value), Sum(inWindow, "1"), Sum(before, value), Sum(before, "1")),
            MetricKind.Ratio => (
                Aggregate(metric.NumeratorAggregate, inWindow),
                Aggregate(metric.DenominatorAggregate, $"{denominator} AND {InWindow(metric)}"),
                Aggregate(metric.NumeratorAggregate, before),
                Aggregate(metric.DenominatorAggregate, $"{denominator} AND {beforeExposure}")),
            _ => throw new ArgumentOutOfRangeException(nameof(metric), metric.Kind, "Quantile metrics are not aggregated per unit."),
        };

        return new UnitAggregates(y, d, x, q, Sum(inWindow, "1"));
    }

    /// <summary>The events after the first exposure that the metric counts.</summary>
    private static string InWindow(MetricDefinition metric)
    {
        if (metric.Kind == MetricKind.Retention)
        {
            return $"occurred_at_ms >= first_ms + {Num(metric.RetentionDay * DayMs)} AND occurred_at_ms < first_ms + {Num((metric.RetentionDay + 1) * DayMs)}";
        }

        return metric.Window is { } w
            ? $"occurred_at_ms >= first_ms AND occurred_at_ms < first_ms + {Num((long)w.TotalMilliseconds)}"
            : "occurred_at_ms >= first_ms";
    }

    private string EventFilter(MetricDefinition metric) => $"{MetricEventsAnyTime(metric)} AND occurred_at_ms <= {AsOf}";

    /// <summary>The metric's events in the scope's environment, whatever their time.</summary>
    internal string MetricEventsAnyTime(MetricDefinition metric)
    {
        string names = metric.DenominatorEventName is { } denominator && metric.Kind == MetricKind.Ratio
            ? $"{dialect.Literal(metric.EventName)}, {dialect.Literal(denominator)}"
            : dialect.Literal(metric.EventName);
        return $"environment = {dialect.Literal(scope.Environment)} AND event_name IN ({names})";
    }

    private static string Num(long value) => value.ToString(CultureInfo.InvariantCulture);

    private static string Num(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
