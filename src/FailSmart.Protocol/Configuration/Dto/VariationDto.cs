using System.Text.Json;

namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class VariationDto : DtoBase
{
    public string? Key { get; set; }

    public JsonElement? Value { get; set; }

    public string? Description { get; set; }
}
