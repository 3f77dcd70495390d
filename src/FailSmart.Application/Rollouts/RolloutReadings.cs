using System.Text.Json;

namespace FailSmart.Application.Rollouts;

/// <summary>The numbers of a rollout's last look, kept with its state so pages and the API can show them.</summary>
/// <param name="UnitsNotYet">Units exposed in the stage's phase that did not get the feature yet.</param>
/// <param name="UnitsIn">Units exposed to the feature.</param>
/// <param name="UnitsHoldback">Held-back units exposed.</param>
/// <param name="SampleRatioP">The sample-ratio check's always-valid p-value, when there were units to check.</param>
/// <param name="Gates">Each guardrail's reading.</param>
public sealed record RolloutReadings(long UnitsNotYet, long UnitsIn, long UnitsHoldback, double? SampleRatioP, IReadOnlyList<GateReading> Gates)
{
    /// <summary>
    /// Per guardrail, the harm evidence the current stage started with (see <see cref="GuardrailInput.CarriedEvidence"/>):
    /// set from the gates of the look that advanced into the stage, and copied forward by every later look of it.
    /// </summary>
    public IReadOnlyDictionary<string, double> Carried { get; init; } = new Dictionary<string, double>();

    public string ToJson() => JsonSerializer.Serialize(this, RolloutJsonContext.Default.RolloutReadings);

    /// <summary>The readings stored as JSON, or null when there are none (or they cannot be read).</summary>
    public static RolloutReadings? FromJson(string? json)
    {
        if (json is null)
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize(json, RolloutJsonContext.Default.RolloutReadings);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
