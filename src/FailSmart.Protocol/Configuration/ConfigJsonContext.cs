using System.Text.Json.Serialization;
using FailSmart.Protocol.Configuration.Dto;

namespace FailSmart.Protocol.Configuration;

/// <summary>Source-generated (reflection-free, trimming-safe) serialization of the configuration document.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    ReadCommentHandling = System.Text.Json.JsonCommentHandling.Skip,
    AllowTrailingCommas = true,
    WriteIndented = true)]
[JsonSerializable(typeof(ConfigDto))]
internal sealed partial class ConfigJsonContext : JsonSerializerContext;
