using System.Text.Json;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Results;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Results;

/// <summary>
/// A metric's recent per-unit mean and variance and how many units arrive per day: the numbers an
/// experiment on it is planned from (<c>failsmart stats plan --baseline --variance --units-per-day</c>).
/// </summary>
internal sealed class MetricBaselines(IConfigStore config, IEventStore events, TimeProvider clock)
{
    public const int MaxDays = 90;

    public async Task<ServiceResult<MetricBaselineResponse>> GetAsync(MetricBaselineQuery query, IReadOnlyList<string> environments, CancellationToken cancellationToken)
    {
        var problems = new List<FieldProblem>();
        if (query.Days is < 1 or > MaxDays)
        {
            problems.Add(new("days", $"days must be from 1 to {MaxDays}; it was {query.Days}.", "Send how many whole days, ending now, to summarise, such as days=14."));
        }

        if (!environments.Contains(query.Environment, StringComparer.Ordinal))
        {
            problems.Add(new("environment", $"There is no environment '{query.Environment}'.", "List them with GET /api/v1/environments; the default is production."));
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        StoredResource? stored = ResourceKeys.IsValid(query.Metric) ? await config.GetAsync(ResourceKind.Metric, query.Metric, cancellationToken) : null;
        if (stored is null)
        {
            return ServiceProblems.NotFound("metric", query.Metric);
        }

        if (stored.Archived)
        {
            return new ServiceProblem(409, "The metric is archived.",
                $"The metric '{query.Metric}' is archived, so it is not planned on. Bring it back with POST /api/v1/metrics/{query.Metric}/unarchive, or choose an active metric.", []);
        }

        using JsonDocument document = JsonDocument.Parse(stored.Document);
        (MetricSpec? spec, IReadOnlyList<FieldProblem> invalid) = MetricDocumentReader.Read(document.RootElement);
        if (spec is null)
        {
            return ServiceProblems.Invalid([.. invalid.Select(p => p with { Path = $"metrics/{query.Metric}: {p.Path}" })], StatusCodes.Status422UnprocessableEntity);
        }

        DateTimeOffset to = clock.GetUtcNow();
        DateTimeOffset from = to.AddDays(-query.Days);
        MetricSummary summary = await events.SummarizeMetricAsync(query.Environment, spec.Definition, from, to, cancellationToken);
        (double? mean, double? variance) = Moments(spec.Definition.Kind, summary.Statistics);
        return new(ServiceOutcome.Unchanged, new MetricBaselineResponse(
            query.Metric,
            ExperimentAnalyzer.Kebab(spec.Definition.Kind),
            query.Environment,
            from,
            to,
            summary.Statistics.Units,
            mean,
            variance,
            (double)summary.ExposedUnits / query.Days));
    }

    /// <summary>
    /// The per-unit mean and sample variance. For a mean or ratio metric, the ratio ΣY/ΣD and the per-unit
    /// variance of its delta-method linearisation (Y − rD)/D̄, so variance / n is the ratio's variance as the
    /// analysis computes it. For a quantile, the mean and variance of the event values.
    /// </summary>
    internal static (double? Mean, double? Variance) Moments(MetricKind kind, VariationStatistics arm)
    {
        switch (kind)
        {
            case MetricKind.Quantile:
                long values = arm.Quantile?.Count ?? 0;
                return values == 0 ? (null, null) : (Finite(arm.Sum / values), values < 2 ? null : SampleVariance(values, arm.Sum, arm.SumOfSquares));
            case MetricKind.Mean or MetricKind.Ratio:
                if (arm.Units == 0 || arm.Denominator is not { Sum: > 0 } d)
                {
                    return (null, null);
                }

                double r = arm.Sum / d.Sum;
                if (arm.Units < 2)
                {
                    return (Finite(r), null);
                }

                double n = arm.Units;
                double meanD = d.Sum / n;
                double covariance = (d.SumOfProducts - (arm.Sum * d.Sum / n)) / (n - 1);
                double linearised = (SampleVariance(arm.Units, arm.Sum, arm.SumOfSquares) ?? 0) - (2 * r * covariance) + (r * r * (SampleVariance(arm.Units, d.Sum, d.SumOfSquares) ?? 0));
                return (Finite(r), Finite(Math.Max(0, linearised) / (meanD * meanD)));
            default:
                return arm.Units == 0 ? (null, null) : (Finite(arm.Sum / arm.Units), arm.Units < 2 ? null : SampleVariance(arm.Units, arm.Sum, arm.SumOfSquares));
        }
    }

    // Rounding can leave Σy² − (Σy)²/n a hair below zero when every value is equal.
    private static double? SampleVariance(long n, double sum, double sumOfSquares) =>
        Finite(Math.Max(0, (sumOfSquares - (sum * sum / n)) / (n - 1)));

    private static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
