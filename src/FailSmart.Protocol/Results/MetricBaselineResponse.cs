namespace FailSmart.Protocol.Results;

/// <summary>
/// `GET /api/v1/metrics/{key}/baseline`: a metric's recent data, summarised for planning an experiment on
/// it. The units are those exposed to anything in the environment during the window; each unit's value is
/// the metric computed over its events in the window, zeros included.
/// </summary>
/// <param name="Metric">The metric key.</param>
/// <param name="Type">conversion, count, sum, mean, ratio, retention or quantile.</param>
/// <param name="Environment">The environment read.</param>
/// <param name="From">The window's start.</param>
/// <param name="To">The window's end (now).</param>
/// <param name="Units">Units in the window; 0 when there is no data (then enter the numbers by hand).</param>
/// <param name="Mean">The per-unit mean (a rate for a conversion); null without units.</param>
/// <param name="Variance">The per-unit sample variance; null with fewer than two units.</param>
/// <param name="UnitsPerDay">New units per day over the window.</param>
public sealed record MetricBaselineResponse(
    string Metric,
    string Type,
    string Environment,
    DateTimeOffset From,
    DateTimeOffset To,
    long Units,
    double? Mean,
    double? Variance,
    double UnitsPerDay);
