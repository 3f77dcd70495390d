using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Protocol.Configuration.Dto;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Protocol.Configuration;

internal sealed partial class ConfigMapper
{
    private Experiment MapExperiment(ExperimentDto dto, string path)
    {
        CheckUnknown(dto, path, "key, hypothesis, hashAttribute, fallbackAttribute, variations, coverage, seed, hashVersion, layer, phase, status, metrics, factorial");
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

        FactorialDesign? factorial = dto.Factorial is null ? null : MapFactorial(dto.Factorial, dto.Key ?? string.Empty, Property(path, "factorial"));
        if (factorial is not null && dto.Variations is not null)
        {
            Problem(Property(path, "variations"), "A factorial launch's variations are its cells, one per combination of its features.", "Leave \"variations\" out: FailSmart makes the cells (\"00\", \"01\", \"10\", \"11\" for two features) with equal weights.");
        }

        List<ExperimentVariation> variations = factorial is not null
            ? [.. FactorialCells.Variations(Math.Clamp(factorial.Features.Count, 1, FactorialDesign.MaxFeatures))]
            : MapList(dto.Variations, Property(path, "variations"), (v, at) =>
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
            Factorial = factorial,
        };
    }

    private FactorialDesign MapFactorial(FactorialDto dto, string experimentKey, string path)
    {
        CheckUnknown(dto, path, "features");
        string at = Property(path, "features");
        List<FactorialFeature> features = MapList(dto.Features, at, (f, featurePath) =>
        {
            CheckUnknown(f, featurePath, "flag, seed");
            if (string.IsNullOrEmpty(f.Flag))
            {
                Problem(Property(featurePath, "flag"), "A feature of a factorial launch names the flag it switches.", "Add \"flag\": the key of a flag whose rule assigns through this launch.");
            }

            if (f.Seed is { Length: 0 })
            {
                Problem(Property(featurePath, "seed"), "An empty seed would randomise every feature alike.", "Leave \"seed\" out for the default (\"{launch}:{flag}\"), or give a seed of its own.");
            }

            string flag = f.Flag ?? string.Empty;
            return new FactorialFeature(flag, string.IsNullOrEmpty(f.Seed) ? FactorialDesign.DefaultSeed(experimentKey, flag) : f.Seed);
        });
        if (features.Count is < FactorialDesign.MinFeatures or > FactorialDesign.MaxFeatures)
        {
            Problem(at, $"A factorial launch crosses {FactorialDesign.MinFeatures} to {FactorialDesign.MaxFeatures} features; this one has {features.Count}.", features.Count < FactorialDesign.MinFeatures
                ? "Add the features the launch bundles, or make it an ordinary experiment."
                : "Split the launch: with more features the cells get too small to tell interactions apart.");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        var seeds = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < features.Count; i++)
        {
            if (features[i].Flag.Length > 0 && !seen.Add(features[i].Flag))
            {
                Problem(Property($"{at}[{i}]", "flag"), $"Flag '{features[i].Flag}' is named twice.", "Name each feature's flag once.");
            }
            else if (!seeds.Add(features[i].Seed))
            {
                Problem(Property($"{at}[{i}]", "seed"), $"Seed '{features[i].Seed}' is used by two features, so they would be on and off together.", "Give each feature its own seed, or leave \"seed\" out for the default.");
            }
        }

        return new FactorialDesign(features);
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
