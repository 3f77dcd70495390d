using Microsoft.Extensions.Options;

namespace FailSmart.Application.Features;

/// <summary>Refuses an unknown requirement name in <c>Lifecycle:Gates</c> at start-up, with the setting named.</summary>
internal sealed class FeatureGateOptionsValidation : IValidateOptions<FeatureGateOptions>
{
    public ValidateOptionsResult Validate(string? name, FeatureGateOptions options)
    {
        var failures = new List<string>();
        foreach (FeaturePhase phase in (FeaturePhase[])[FeaturePhase.Build, FeaturePhase.Ship, FeaturePhase.Tweak, FeaturePhase.Maintain])
        {
            foreach (string requirement in options.For(phase).Where(r => !FeatureGates.Known.Contains(r, StringComparer.Ordinal)))
            {
                failures.Add($"{FeatureGateOptions.SectionName}:{phase} names '{requirement}', which is not a gate. Use a comma-separated list of {string.Join(", ", FeatureGates.Known)}, or an empty string for none.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
