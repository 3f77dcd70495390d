using System.Text.Json.Serialization;

namespace FailSmart.Application.Rollouts;

[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase)]
[JsonSerializable(typeof(RolloutReadings))]
internal sealed partial class RolloutJsonContext : JsonSerializerContext;
