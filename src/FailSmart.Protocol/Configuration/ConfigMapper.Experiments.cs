using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Protocol.Configuration.Dto;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Protocol.Configuration;

internal sealed partial class ConfigMapper
{
    private Experiment MapExperiment(ExperimentDto dto, string path)
    {
        CheckUnknown(dto, path, "key, hypothesis, hashAttribute, fallbackAttribute, variations, coverage, seed, hashVersion, layer, phase, status");
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
        };
    }
}
