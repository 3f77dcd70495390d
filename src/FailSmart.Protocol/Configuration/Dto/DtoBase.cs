using System.Text.Json;
using System.Text.Json.Serialization;

namespace FailSmart.Protocol.Configuration.Dto;

/// <summary>Collects properties the format does not define, so each can be reported (typos are common).</summary>
internal abstract class DtoBase
{
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Unknown { get; set; }
}
