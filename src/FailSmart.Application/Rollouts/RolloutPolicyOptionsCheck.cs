namespace FailSmart.Application.Rollouts;

/// <summary>Says what is wrong with a set of <see cref="RolloutPolicyOptions"/>, naming the setting and its valid range.</summary>
internal static class RolloutPolicyOptionsCheck
{
    public static string? Problem(RolloutPolicyOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        string section = RolloutPolicyOptions.SectionName;
        if (!(options.GuardrailAlpha is > 0 and < 0.5))
        {
            return $"{section}:GuardrailAlpha must lie strictly between 0 and 0.5 (it is {options.GuardrailAlpha}); the default is 0.05.";
        }

        if (!(options.NonInferiorityAlpha is > 0 and < 0.5))
        {
            return $"{section}:NonInferiorityAlpha must lie strictly between 0 and 0.5 (it is {options.NonInferiorityAlpha}); the default is 0.05.";
        }

        if (!(options.SampleRatioAlpha is > 0 and < 0.5))
        {
            return $"{section}:SampleRatioAlpha must lie strictly between 0 and 0.5 (it is {options.SampleRatioAlpha}); the default is 0.001.";
        }

        if (!(options.TuningSampleSize > 0) || double.IsInfinity(options.TuningSampleSize))
        {
            return $"{section}:TuningSampleSize must be a positive number of units (it is {options.TuningSampleSize}); the default is 100000.";
        }

        if (!(options.SampleRatioConcentration > 0) || double.IsInfinity(options.SampleRatioConcentration))
        {
            return $"{section}:SampleRatioConcentration must be positive (it is {options.SampleRatioConcentration}); the default is 100.";
        }

        if (!(options.EmptyArmExpectedUnits >= 1) || double.IsInfinity(options.EmptyArmExpectedUnits))
        {
            return $"{section}:EmptyArmExpectedUnits must be at least 1 (it is {options.EmptyArmExpectedUnits}); the default is 30.";
        }

        if (options.MinUnitsPerArm < 2)
        {
            return $"{section}:MinUnitsPerArm must be at least 2 (it is {options.MinUnitsPerArm}); the default is 500.";
        }

        return null;
    }
}
