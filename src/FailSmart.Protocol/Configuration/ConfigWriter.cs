using System.Text.Json;
using System.Xml;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration.Dto;

namespace FailSmart.Protocol.Configuration;

/// <summary>Maps the model back to the document, omitting defaults so documents stay short.</summary>
internal static class ConfigWriter
{
    public static ConfigDto ToDto(Core.Model.Configuration c) => new()
    {
        Version = ConfigDocument.FormatVersion,
        Flags = [.. c.Flags.Select(Flag)],
        Segments = c.Segments.Count == 0 ? null : [.. c.Segments.Select(Segment)],
        Experiments = c.Experiments.Count == 0 ? null : [.. c.Experiments.Select(Experiment)],
        Layers = c.Layers.Count == 0 ? null : [.. c.Layers.Select(l => new LayerDto
        {
            Key = l.Key,
            Salt = l.Salt,
            HashAttribute = l.HashAttribute == "id" ? null : l.HashAttribute,
            Description = l.Description,
        })],
        Holdouts = c.Holdouts.Count == 0 ? null : [.. c.Holdouts.Select(h => new HoldoutDto
        {
            Key = h.Key,
            Salt = h.Salt,
            HashAttribute = h.HashAttribute == "id" ? null : h.HashAttribute,
            Description = h.Description,
            Buckets = [h.Buckets.Start, h.Buckets.End],
            Scope = new HoldoutScopeDto
            {
                All = h.Scope.All ? true : null,
                Flags = h.Scope.Flags.Count == 0 ? null : [.. h.Scope.Flags],
                Experiments = h.Scope.Experiments.Count == 0 ? null : [.. h.Scope.Experiments],
                Layers = h.Scope.Layers.Count == 0 ? null : [.. h.Scope.Layers],
            },
        })],
    };

    private static FlagDto Flag(Flag f) => new()
    {
        Key = f.Key,
        Description = f.Description,
        Type = f.ValueType.ToString().ToLowerInvariant(),
        Variations = [.. f.Variations.Select(v => new VariationDto { Key = v.Key, Value = Json(v.Value), Description = v.Description })],
        Prerequisites = f.Prerequisites.Count == 0 ? null : [.. f.Prerequisites.Select(p => new PrerequisiteDto { Flag = p.FlagKey, Variations = [.. p.Variations] })],
        Environments = f.Environments.ToDictionary(e => e.Key, e => (EnvironmentDto?)new EnvironmentDto
        {
            Enabled = e.Value.Enabled,
            OffVariation = e.Value.OffVariation,
            DefaultVariation = e.Value.DefaultVariation,
            Rules = [.. e.Value.Rules.Select(Rule)],
        }, StringComparer.Ordinal),
    };

    private static RuleDto Rule(Rule r) => new()
    {
        Id = r.Id,
        Description = r.Description,
        Condition = r.Condition.IsAlways ? null : Json(r.Condition.Source),
        Segments = r.Segments.Count == 0 ? null : [.. r.Segments],
        Force = r.Action is ForceAction f ? new ForceDto { Variation = f.Variation } : null,
        Rollout = r.Action is RolloutAction o ? new RolloutDto
        {
            Variation = o.Variation,
            // An imported range keeps its percentages as written, so the hash compares the same numbers.
            Percentage = o.FeatureManagement is { } imported ? imported.To : RolloutPercent.Of(o.Stage.Fraction),
            Bucketing = o.FeatureManagement is null ? null : ConfigMapper.FeatureManagementBucketingName,
            From = o.FeatureManagement is { From: not 0 and var from } ? from : null,
            HashAttribute = o.HashAttribute == "id" ? null : o.HashAttribute,
            FallbackAttribute = o.FallbackAttribute,
            Seed = o.Seed,
            // Written only when it is 1, so a document without version 1 rollouts reads as before.
            HashVersion = o.HashVersion == HashVersion.V2 ? null : (int)o.HashVersion,
            Plan = o.Plan is { } plan ? Plan(plan) : null,
        } : null,
        Experiment = r.Action is ExperimentAction x ? new ExperimentRefDto { Key = x.ExperimentKey } : null,
    };

    private static RolloutPlanDto Plan(RolloutPlan p) => new()
    {
        Stages = [.. p.Stages.Select(s => new RolloutPlanStageDto
        {
            Percentage = RolloutPercent.Of(s.Fraction),
            MinDuration = s.MinDuration == TimeSpan.FromDays(1) ? null : XmlConvert.ToString(s.MinDuration),
            MinUnits = s.MinUnits == 1_000 ? null : s.MinUnits,
            MaxDuration = s.MaxDuration is not { } max ? ConfigMapper.NoMaxDuration : max == TimeSpan.FromDays(7) ? null : XmlConvert.ToString(max),
            RequiresApproval = s.RequiresApproval ? true : null,
        })],
        Holdback = Percent(p.Holdback),
        ControlVariation = p.ControlVariation,
        Metrics = p.Metrics.Count == 0 ? null : [.. p.Metrics.Select(m => new MetricReferenceDto
        {
            Key = m.Key,
            Role = m.Role?.ToString().ToLowerInvariant(),
            Margin = m.Margin,
        })],
        Phase = p.Phase,
    };

    // The document speaks percentages: 0.07 × 100 is 7.000000000000001 in binary, so round away the
    // noise, or a written document would read back as another fraction. (A rollout's and a stage's
    // percentages are written by RolloutPercent, exactly.)
    private static double Percent(double fraction) => Math.Round(fraction * 100, 10);

    private static SegmentDto Segment(Segment s) => s switch
    {
        IdListSegment l => new SegmentDto { Key = l.Key, Description = l.Description, Attribute = l.Attribute, Ids = [.. l.Ids.Select(Json)] },
        ConditionSegment c => new SegmentDto { Key = c.Key, Description = c.Description, Condition = Json(c.Condition.Source) },
        _ => new SegmentDto { Key = s.Key, Description = s.Description },
    };

    private static ExperimentDto Experiment(Experiment e) => new()
    {
        Key = e.Key,
        Hypothesis = e.Hypothesis.Length == 0 ? null : e.Hypothesis,
        HashAttribute = e.HashAttribute == "id" ? null : e.HashAttribute,
        FallbackAttribute = e.FallbackAttribute,
        Variations = e.Factorial is null ? [.. e.Variations.Select(v => new ExperimentVariationDto { Key = v.Key, Weight = v.Weight })] : null, // a launch's cells follow from its features
        Coverage = e.Coverage,
        Seed = e.Seed,
        HashVersion = (int)e.HashVersion,
        Layer = e.Layer is null ? null : new LayerAllocationDto { Key = e.Layer.LayerKey, Buckets = [e.Layer.Buckets.Start, e.Layer.Buckets.End] },
        Phase = e.Phase,
        Status = e.Status.ToString().ToLowerInvariant(),
        Metrics = e.Metrics.Count == 0 ? null : [.. e.Metrics.Select(m => new ExperimentMetricDto { Key = m.Key, Role = m.Role?.ToString().ToLowerInvariant(), Margin = m.Margin, MinimumEffect = m.MinimumEffect })],
        Factorial = e.Factorial is null ? null : new FactorialDto
        {
            Features = [.. e.Factorial.Features.Select(f => new FactorialFeatureDto { Flag = f.Flag, Seed = f.Seed == FactorialDesign.DefaultSeed(e.Key, f.Flag) ? null : f.Seed })],
        },
    };

    private static JsonElement Json(DataValue value)
    {
        using var document = JsonDocument.Parse(value.ToJson());
        return document.RootElement.Clone();
    }
}
