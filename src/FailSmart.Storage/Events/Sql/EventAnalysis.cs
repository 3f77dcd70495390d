namespace FailSmart.Storage.Events.Sql;

/// <summary>The analysis every event store offers, over any engine that runs <see cref="AnalysisSql"/>.</summary>
internal sealed class EventAnalysis(IAnalysisEngine engine)
{
    public async Task<ExposureSummary> SummarizeExposuresAsync(ExperimentScope scope, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        IReadOnlyList<ResultRow> rows = await engine.QueryAsync(new AnalysisSql(engine.Dialect, scope).ExposureSummary(), cancellationToken);
        var variations = new List<VariationUnits>();
        long multiple = 0;
        long? first = null, last = null;
        foreach (ResultRow row in rows)
        {
            long units = row.GetInt64(2);
            if (row.GetInt64(0) == 1)
            {
                multiple += units;
            }
            else
            {
                variations.Add(new VariationUnits((int)row.GetInt64(1), units));
            }

            first = Math.Min(first ?? long.MaxValue, row.GetInt64(3));
            last = Math.Max(last ?? long.MinValue, row.GetInt64(4));
        }

        return new ExposureSummary(variations, multiple, ToTime(first), ToTime(last));
    }

    public async Task<IReadOnlyList<ExperimentOverlap>> FindOverlapsAsync(ExperimentScope scope, CancellationToken cancellationToken)
    {
        ExposureSummary summary = await SummarizeExposuresAsync(scope, cancellationToken);
        if (summary.FirstExposure is not { } first || summary.LastExposure is not { } last)
        {
            return [];
        }

        var sql = new AnalysisSql(engine.Dialect, scope);
        long since = (first - (scope.OverlapLookback > TimeSpan.Zero ? scope.OverlapLookback : TimeSpan.Zero)).ToUnixTimeMilliseconds();
        IReadOnlyList<ResultRow> overlapping = await engine.QueryAsync(
            sql.OverlappingExperiments(since, last.ToUnixTimeMilliseconds()), cancellationToken);
        if (overlapping.Count == 0)
        {
            return [];
        }

        List<(string Key, int Phase)> others = [.. overlapping.Select(r => (r.GetString(0), (int)r.GetInt64(1)))];
        ILookup<(string, int), OverlapCell> cells = (await engine.QueryAsync(sql.OverlapCells(others, since), cancellationToken))
            .ToLookup(
                r => (r.GetString(0), (int)r.GetInt64(1)),
                r => new OverlapCell((int)r.GetInt64(2), (int)r.GetInt64(3), r.GetInt64(4)));
        return [.. others.Select(o => new ExperimentOverlap(o.Key, o.Phase, [.. cells[o]]))];
    }

    public async Task<MetricAnalysis> AnalyzeMetricAsync(ExperimentScope scope, MetricDefinition metric, CancellationToken cancellationToken)
    {
        MetricBreakdown all = await AnalyzeAsync(scope, metric, null, cancellationToken);
        return new MetricAnalysis(metric.Key, all.Segments.Count == 0 ? [] : all.Segments[0].Variations, all.CapValue);
    }

    public Task<MetricBreakdown> AnalyzeBreakdownAsync(ExperimentScope scope, MetricDefinition metric, string attribute, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        return AnalyzeAsync(scope, metric, [attribute], cancellationToken);
    }

    /// <summary>One metric per cell of several attributes; each segment's value is a <see cref="JointValue"/>.</summary>
    public Task<MetricBreakdown> AnalyzeJointBreakdownAsync(ExperimentScope scope, MetricDefinition metric, IReadOnlyList<string> attributes, CancellationToken cancellationToken)
    {
        CheckAttributes(attributes);
        return AnalyzeAsync(scope, metric, attributes, cancellationToken);
    }

    /// <summary>Distinct units exposed to anything in the window, per cell of several attributes (a <see cref="JointValue"/>).</summary>
    public async Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributesAsync(
        string environment, IReadOnlyList<string> attributes, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        CheckAttributes(attributes);
        if (to < from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        return await CountUnitsByAttributeAsync(
            new AnalysisSql(engine.Dialect, new ExperimentScope(environment, "", 0, to), from.ToUnixTimeMilliseconds()), attributes, cancellationToken);
    }

    private static void CheckAttributes(IReadOnlyList<string> attributes)
    {
        ArgumentNullException.ThrowIfNull(attributes);
        if (attributes.Count == 0 || attributes.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("Name at least one attribute, none empty.", nameof(attributes));
        }
    }

    /// <summary>
    /// One metric over everyone exposed to anything in <paramref name="environment"/> from
    /// <paramref name="from"/> to <paramref name="to"/>, as if they were all one arm: each unit's value
    /// counts its events from its first exposure in the window (the metric's own window, capping and
    /// retention day apply); no CUPED covariate, since there is nothing to compare it across.
    /// </summary>
    public async Task<MetricSummary> SummarizeMetricAsync(string environment, MetricDefinition metric, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentNullException.ThrowIfNull(metric);
        if (to < from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        MetricDefinition plain = metric with { CovariateWindow = null };
        var sql = new AnalysisSql(engine.Dialect, new ExperimentScope(environment, "", 0, to), from.ToUnixTimeMilliseconds());
        long exposed = (await engine.QueryAsync(sql.UnitCounts(null), cancellationToken)).Sum(r => r.GetInt64(2));
        MetricBreakdown all = await AnalyzeAsync(sql, plain, null, cancellationToken);
        VariationStatistics statistics = all.Segments.Count == 0 ? new VariationStatistics(0, 0, 0, 0) : all.Segments[0].Variations.Single();
        return new MetricSummary(metric.Key, exposed, statistics, all.CapValue);
    }

    /// <summary>Distinct units exposed to anything in the window, per value of the attribute on each unit's first exposure in it.</summary>
    public async Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributeAsync(
        string environment, string attribute, DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(environment);
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        if (to < from)
        {
            throw new ArgumentException("The window must end after it starts.", nameof(to));
        }

        return await CountUnitsByAttributeAsync(
            new AnalysisSql(engine.Dialect, new ExperimentScope(environment, "", 0, to), from.ToUnixTimeMilliseconds()), [attribute], cancellationToken);
    }

    /// <summary>One phase's units per value of the attribute on each unit's first exposure, all variations together.</summary>
    public Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributeAsync(ExperimentScope scope, string attribute, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentException.ThrowIfNullOrEmpty(attribute);
        return CountUnitsByAttributeAsync(new AnalysisSql(engine.Dialect, scope), [attribute], cancellationToken);
    }

    private async Task<IReadOnlyList<AttributeUnits>> CountUnitsByAttributeAsync(AnalysisSql sql, IReadOnlyList<string> attributes, CancellationToken cancellationToken) =>
        [.. (await engine.QueryAsync(sql.UnitCounts(attributes), cancellationToken))
            .GroupBy(r => SegmentValue(r.GetString(0)))
            .Select(g => new AttributeUnits(g.Key, g.Sum(r => r.GetInt64(2))))
            .OrderBy(u => u.Value, StringComparer.Ordinal)];

    private Task<MetricBreakdown> AnalyzeAsync(ExperimentScope scope, MetricDefinition metric, IReadOnlyList<string>? attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        return AnalyzeAsync(new AnalysisSql(engine.Dialect, scope), metric, attributes, cancellationToken);
    }

    private async Task<MetricBreakdown> AnalyzeAsync(AnalysisSql sql, MetricDefinition metric, IReadOnlyList<string>? attributes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(metric);
        metric.Validate();
        if (metric.Kind == MetricKind.Quantile)
        {
            return await AnalyzeQuantileAsync(sql, metric, attributes, cancellationToken);
        }

        double? cap = await ResolveCapAsync(metric, fraction => sql.PercentileCap(metric, fraction), cancellationToken);
        IReadOnlyList<ResultRow> rows = await engine.QueryAsync(sql.UnitMetric(metric, attributes, cap), cancellationToken);
        return new MetricBreakdown(metric.Key, Name(attributes), Segments(rows, metric), cap);
    }

    /// <summary>
    /// One metric's statistics from a table of <see cref="AnalysisSql.UnitRows"/> that the engine keeps up
    /// to date for <paramref name="scope"/> (incremental refresh); the same numbers as <see cref="AnalyzeMetricAsync"/>.
    /// </summary>
    public async Task<MetricAnalysis> AnalyzeUnitTableAsync(ExperimentScope scope, MetricDefinition metric, string table, CancellationToken cancellationToken)
    {
        var sql = new AnalysisSql(engine.Dialect, scope);
        double? cap = await ResolveCapAsync(metric, fraction => sql.PercentileCapFrom(table, metric, fraction), cancellationToken);
        SegmentStatistics[] segments = Segments(await engine.QueryAsync(sql.UnitMetricFrom(table, metric, cap), cancellationToken), metric);
        return new MetricAnalysis(metric.Key, segments.Length == 0 ? [] : segments[0].Variations, cap);
    }

    private static SegmentStatistics[] Segments(IReadOnlyList<ResultRow> rows, MetricDefinition metric)
    {
        bool ratio = metric.Kind is MetricKind.Ratio or MetricKind.Mean;
        bool cuped = metric.CovariateWindow is not null;
        return [.. rows
            .GroupBy(r => r.GetString(0))
            .Select(g => new SegmentStatistics(SegmentValue(g.Key), [.. g.Select(r => new VariationStatistics(
                (int)r.GetInt64(1),
                r.GetInt64(2),
                r.GetDouble(3),
                r.GetDouble(4),
                ratio ? new DenominatorSums(r.GetDouble(5), r.GetDouble(6), r.GetDouble(7)) : null,
                cuped ? Covariate(r, ratio) : null))]))];
    }

    private static CovariateSums Covariate(ResultRow r, bool ratio) => ratio
        ? new CovariateSums(r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), r.GetDouble(11), new PreDenominatorSums(r.GetDouble(12), r.GetDouble(13), r.GetDouble(14), r.GetDouble(15), r.GetDouble(16)))
        : new CovariateSums(r.GetDouble(8), r.GetDouble(9), r.GetDouble(10), null);

    private async Task<double?> ResolveCapAsync(MetricDefinition metric, Func<double, string> percentileCapSql, CancellationToken cancellationToken)
    {
        switch (metric.Capping)
        {
            case null:
                return null;
            case { Kind: CappingKind.Fixed } fixedCap:
                return fixedCap.Value;
            case { } percentile:
                IReadOnlyList<ResultRow> rows = await engine.QueryAsync(percentileCapSql(percentile.Value), cancellationToken);
                // No unit did the event: there is nothing to cap.
                return rows.Count == 0 || rows[0].GetInt64(1) == 0 ? null : rows[0].GetDouble(0);
        }
    }

    private async Task<MetricBreakdown> AnalyzeQuantileAsync(AnalysisSql sql, MetricDefinition metric, IReadOnlyList<string>? attributes, CancellationToken cancellationToken)
    {
        IReadOnlyList<ResultRow> units = await engine.QueryAsync(sql.UnitCounts(attributes), cancellationToken);
        Dictionary<(string, long), ResultRow> quantiles = (await engine.QueryAsync(sql.Quantile(metric, attributes), cancellationToken))
            .ToDictionary(r => (r.GetString(0), r.GetInt64(1)));
        SegmentStatistics[] segments = [.. units
            .GroupBy(r => r.GetString(0))
            .Select(g => new SegmentStatistics(SegmentValue(g.Key), [.. g.Select(u =>
            {
                ResultRow? q = quantiles.GetValueOrDefault((g.Key, u.GetInt64(1)));
                return new VariationStatistics(
                    (int)u.GetInt64(1),
                    u.GetInt64(2),
                    q?.GetDouble(3) ?? 0,
                    q?.GetDouble(4) ?? 0,
                    Quantile: q is null ? null : new QuantileEstimate(metric.QuantileLevel, q.GetInt64(2), q.GetDouble(5), q.GetDouble(6), q.GetDouble(7)));
            })]))];
        return new MetricBreakdown(metric.Key, Name(attributes), segments, null);
    }

    // Both engines return '' for a missing property; an empty value is treated as missing.
    private static string Name(IReadOnlyList<string>? attributes) => attributes is null ? "" : string.Join(",", attributes);

    private static string? SegmentValue(string value) => value.Length == 0 ? null : value;

    private static DateTimeOffset? ToTime(long? ms) => ms is long v ? DateTimeOffset.FromUnixTimeMilliseconds(v) : null;
}
