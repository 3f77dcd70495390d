using System.Text.Json;

namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class SegmentDto : DtoBase
{
    public string? Key { get; set; }

    public string? Description { get; set; }

    public JsonElement? Condition { get; set; }

    public string? Attribute { get; set; }

    public List<JsonElement>? Ids { get; set; }
}
