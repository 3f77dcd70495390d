using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation;

/// <summary>
/// The outcome of evaluating a flag for a unit. A struct that only refers to strings and values
/// already held by the configuration, so producing it allocates nothing.
/// </summary>
public readonly record struct EvaluationResult
{
    public string FlagKey { get; init; }

    public DataValue Value { get; init; }

    /// <summary>Key of the variation served, or null on error.</summary>
    public string? VariationKey { get; init; }

    /// <summary>Index of the variation in the flag, or -1 on error.</summary>
    public int VariationIndex { get; init; }

    public EvaluationReason Reason { get; init; }

    public EvaluationErrorCode ErrorCode { get; init; }

    public string? ErrorMessage { get; init; }

    /// <summary>Id of the rule that decided, or null.</summary>
    public string? RuleId { get; init; }

    /// <summary>Position of that rule in the environment, or -1.</summary>
    public int RuleIndex { get; init; }

    public string? ExperimentKey { get; init; }

    /// <summary>The experiment's phase (analysis is per phase), or 0.</summary>
    public int ExperimentPhase { get; init; }

    /// <summary>True when the unit was assigned by an experiment: log an exposure.</summary>
    public bool InExperiment { get; init; }

    /// <summary>The unit's point in [0, 1) that decided a rollout or an experiment; NaN when none did.</summary>
    public double Bucket { get; init; }

    /// <summary>The attribute hashed and its value (the unit id for exposures), when hashing decided.</summary>
    public string? HashAttribute { get; init; }

    public string? HashValue { get; init; }

    /// <summary>The holdout that held this unit back, when the reason is <see cref="EvaluationReason.Holdout"/>.</summary>
    public string? HoldoutKey { get; init; }

    public bool IsError => Reason == EvaluationReason.Error;

    internal static EvaluationResult Failure(string flagKey, EvaluationErrorCode code, string message) => new()
    {
        FlagKey = flagKey,
        Reason = EvaluationReason.Error,
        ErrorCode = code,
        ErrorMessage = message,
        VariationIndex = -1,
        RuleIndex = -1,
        Bucket = double.NaN,
    };
}
