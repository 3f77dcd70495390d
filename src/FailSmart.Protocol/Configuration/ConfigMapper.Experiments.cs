using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Protocol.Configuration.Dto;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Protocol.Configuration;

internal sealed partial class ConfigMapper
{
    private Experiment MapExperiment(ExperimentDto dto, string path)
    {
        CheckUnknown(dto, path, "key, hypothesis, hashAttribute, fallbackAttribute, variations, coverage, seed, hashVersion, layer, phase, status, metrics");
        ExperimentStatus status = dto.Status switch
        {
            "running" or null => ExperimentStatus.Running,
            "draft" => ExperimentStatus.Draft,
            "stopped" => ExperimentStatus.Stopped,
            _ => Invalid(Property(path, "status"), $"Unknown status '{dto.Status}'.", "Use draft, running or stopped.", ExperimentStatus.Draft),
        };
        if (dto.Phase is < 1)
        {
            Problem(Property(path, "phase"), $"Phase {dto.Phase} is not a phase: phases count from 1.", "Leave \"phase\" out for 1, or give the phase number (1, 2, …).");
        }

        LayerAllocation? layer = null;
        if (dto.Layer is { } allocation)
        {
            string at = Property(path, "layer");
            CheckUnknown(allocation, at, "key, buckets");
            layer = new LayerAllocation(allocation.Key ?? string.Empty, MapSpan(allocation.Buckets, Property(at, "buckets")));
        }

        List<ExperimentVariation> variations = MapList(dto.Variations, Property(path, "variations"), (v, at) =>
        {
            CheckUnknown(v, at, "key, weight");
            if (v.Weight is null)
            {
                Problem(Property(at, "weight"), "A variation needs a weight.", "Add \"weight\", e.g. 0.5; weights must sum to 1.");
            }

            return new ExperimentVariation(v.Key ?? string.Empty, v.Weight ?? 0);
        });
        List<MetricReference> metrics = MapList(dto.Metrics, Property(path, "metrics"), MapMetricReference);
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < metrics.Count; i++)
        {
            if (metrics[i].Key.Length > 0 && !seen.Add(metrics[i].Key))
            {
                Problem(Property($"{Property(path, "metrics")}[{i}]", "key"), $"Metric '{metrics[i].Key}' is named twice.", "Name each metric once, with the role it plays here.");
            }
        }

        return new Experiment(dto.Key ?? string.Empty, variations)
        {
            Hypothesis = dto.Hypothesis ?? string.Empty,
            HashAttribute = dto.HashAttribute ?? "id",
            FallbackAttribute = dto.FallbackAttribute,
            Coverage = dto.Coverage ?? 1,
            Seed = dto.Seed,
            HashVersion = (HashVersion)(dto.HashVersion ?? 2),
            Layer = layer,
            Phase = dto.Phase ?? 1,
            Status = status,
            Metrics = metrics.Count == 0 ? Array.Empty<MetricReference>() : metrics, // the shared empty array, so experiments without metrics stay equal as records
        };
    }

    private MetricReference MapMetricReference(ExperimentMetricDto dto, string path)
    {
        CheckUnknown(dto, path, "key, role, margin, minimumEffect");
        if (string.IsNullOrEmpty(dto.Key))
        {
            Problem(Property(path, "key"), "A metric needs its key.", "Add \"key\": the key of a metric definition (GET /api/v1/metrics lists them).");
        }

        MetricUse? role = dto.Role switch
        {
            null => null,
            "primary" => MetricUse.Primary,
            "secondary" => MetricUse.Secondary,
            "guardrail" => MetricUse.Guardrail,
            _ => Invalid<MetricUse?>(Property(path, "role"), $"Unknown role '{dto.Role}'.", "Use primary, secondary or guardrail, or leave \"role\" out for the definition's own role.", null),
        };
        if (dto.Margin is { } margin && !(margin >= 0 && margin < 1))
        {
            Problem(Property(path, "margin"), $"Margin {margin} is not a relative loss in [0, 1).", "Give the tolerated loss as a fraction, e.g. 0.01 for 1%, or leave \"margin\" out for the definition's own margin.");
        }

        if (dto.MinimumEffect is { } effect)
        {
            if (!(Math.Abs(effect) is > 0 and <= 10))
            {
                Problem(Property(path, "minimumEffect"), $"Minimum effect {effect} is not a relative change: it must not be 0 and at most 10 (1000%) either way.", "Give the smallest relative change worth acting on, signed in the direction you expect, e.g. 0.02 for 2% up or -0.02 for 2% down.");
            }
            else if (role is MetricUse.Secondary or MetricUse.Guardrail)
            {
                Problem(Property(path, "minimumEffect"), $"Only the primary metric carries the hypothesis' minimum effect, and '{dto.Key}' is a {dto.Role} here.", "Move \"minimumEffect\" to the primary metric, or set \"role\": \"primary\".");
            }
        }

        return new MetricReference(dto.Key ?? string.Empty) { Role = role, Margin = dto.Margin, MinimumEffect = dto.MinimumEffect };
    }
}
