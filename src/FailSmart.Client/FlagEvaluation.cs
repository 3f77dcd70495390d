using FailSmart.Core.Evaluation;

namespace FailSmart.Client;

/// <summary>
/// The detailed outcome of an evaluation: the value and why. A struct that only refers to strings
/// the rule set already holds, so producing one allocates nothing.
/// </summary>
/// <typeparam name="T">The flag's value type.</typeparam>
public readonly record struct FlagEvaluation<T>
{
    public required string FlagKey { get; init; }

    /// <summary>The value served, or the caller's default when <see cref="ErrorCode"/> is not <see cref="FlagErrorCode.None"/>.</summary>
    public required T Value { get; init; }

    /// <summary>The variation served (OpenFeature's variant), or null when the default was returned.</summary>
    public string? VariationKey { get; init; }

    public EvaluationReason Reason { get; init; }

    public FlagErrorCode ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>The experiment that assigned the unit, when <see cref="InExperiment"/>.</summary>
    public string? ExperimentKey { get; init; }

    public bool InExperiment { get; init; }

    /// <summary>The state of the client when it evaluated: Stale means the rule set may be out of date.</summary>
    public ClientState State { get; init; }

    public bool IsDefault => ErrorCode != FlagErrorCode.None;
}
