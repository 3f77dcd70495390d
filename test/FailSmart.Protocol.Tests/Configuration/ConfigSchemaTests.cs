using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Configuration.Dto;
using FailSmart.Testing;

namespace FailSmart.Protocol.Tests.Configuration;

/// <summary>The published JSON Schema and the reader must describe the same properties.</summary>
public sealed class ConfigSchemaTests
{
    private static readonly JsonElement s_schema = LoadSchema();

    public static TheoryData<string, Type> Objects => new()
    {
        { "", typeof(ConfigDto) },
        { "$defs/flag", typeof(FlagDto) },
        { "$defs/flag/properties/variations/items", typeof(VariationDto) },
        { "$defs/flag/properties/prerequisites/items", typeof(PrerequisiteDto) },
        { "$defs/environment", typeof(EnvironmentDto) },
        { "$defs/rule", typeof(RuleDto) },
        { "$defs/rule/properties/force", typeof(ForceDto) },
        { "$defs/rule/properties/rollout", typeof(RolloutDto) },
        { "$defs/rule/properties/experiment", typeof(ExperimentRefDto) },
        { "$defs/rolloutPlan", typeof(RolloutPlanDto) },
        { "$defs/rolloutStage", typeof(RolloutPlanStageDto) },
        { "$defs/metricReference", typeof(MetricReferenceDto) },
        { "$defs/segment", typeof(SegmentDto) },
        { "$defs/experiment", typeof(ExperimentDto) },
        { "$defs/experiment/properties/variations/items", typeof(ExperimentVariationDto) },
        { "$defs/experiment/properties/layer", typeof(LayerAllocationDto) },
        { "$defs/layer", typeof(LayerDto) },
        { "$defs/holdout", typeof(HoldoutDto) },
        { "$defs/holdout/properties/scope", typeof(HoldoutScopeDto) },
    };

    [Theory]
    [MemberData(nameof(Objects))]
    public void Schema_object_lists_exactly_the_properties_the_reader_knows(string location, Type dto)
    {
        JsonElement node = s_schema;
        foreach (string part in location.Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            node = node.GetProperty(part);
        }

        JsonTypeInfo info = ConfigJsonContext.Default.GetTypeInfo(dto)!;
        string[] known = [.. info.Properties.Where(p => !p.IsExtensionData).Select(p => p.Name).Order(StringComparer.Ordinal)];

        node.GetProperty("additionalProperties").GetBoolean().ShouldBeFalse();
        node.GetProperty("properties").EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal).ShouldBe(known);
    }

    private static JsonElement LoadSchema()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "config-schema.json")));
        return document.RootElement.Clone();
    }
}
