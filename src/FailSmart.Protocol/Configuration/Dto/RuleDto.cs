using System.Text.Json;

namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class RuleDto : DtoBase
{
    public string? Id { get; set; }

    public string? Description { get; set; }

    public JsonElement? Condition { get; set; }

    public List<string>? Segments { get; set; }

    public ForceDto? Force { get; set; }

    public RolloutDto? Rollout { get; set; }

    public ExperimentRefDto? Experiment { get; set; }
}
