using System.Text.Json.Serialization;

namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class ConfigDto : DtoBase
{
    [JsonPropertyName("$schema")]
    public string? Schema { get; set; }

    public int? Version { get; set; }

    public List<FlagDto?>? Flags { get; set; }

    public List<SegmentDto?>? Segments { get; set; }

    public List<ExperimentDto?>? Experiments { get; set; }

    public List<LayerDto?>? Layers { get; set; }

    public List<HoldoutDto?>? Holdouts { get; set; }
}
