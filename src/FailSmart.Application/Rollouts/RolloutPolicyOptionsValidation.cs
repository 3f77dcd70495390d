using Microsoft.Extensions.Options;

namespace FailSmart.Application.Rollouts;

/// <summary>Refuses <c>Rollouts:Policy</c> settings out of range at start-up, with the setting named.</summary>
internal sealed class RolloutPolicyOptionsValidation : IValidateOptions<RolloutPolicyOptions>
{
    public ValidateOptionsResult Validate(string? name, RolloutPolicyOptions options) =>
        RolloutPolicyOptionsCheck.Problem(options) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
}
