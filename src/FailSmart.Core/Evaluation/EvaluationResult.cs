using FailSmart.Core.Evaluation.Compiled;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation;

/// <summary>
/// The outcome of evaluating a flag for a unit. A small struct that points at an outcome prepared
/// when the configuration was compiled, plus the unit's bucket, so producing it allocates nothing.
/// </summary>
public readonly struct EvaluationResult : IEquatable<EvaluationResult>
{
    private readonly EvaluationOutcome? _outcome;

    // The integer bucket plus one (0: none, which default(EvaluationResult) also reads as). The
    // point is divided out only when asked for, so evaluation itself never divides.
    private readonly int _bucketPlusOne;

    private readonly string? _hashAttribute;
    private readonly string? _hashValue;

    // The attribute and value are kept even without a bucket, so a caller choosing between "decided
    // by the hash" and not need not branch; they are visible only with the bucket.
    internal EvaluationResult(EvaluationOutcome outcome, int bucket = -1, string? hashAttribute = null, string? hashValue = null)
    {
        _outcome = outcome;
        _bucketPlusOne = bucket + 1;
        _hashAttribute = hashAttribute;
        _hashValue = hashValue;
    }

    public string FlagKey => Outcome.FlagKey;

    public DataValue Value => Outcome.Value;

    /// <summary>Key of the variation served, or null on error.</summary>
    public string? VariationKey => Outcome.VariationKey;

    /// <summary>Index of the variation in the flag, or -1 on error.</summary>
    public int VariationIndex => Outcome.VariationIndex;

    public EvaluationReason Reason => Outcome.Reason;

    public EvaluationErrorCode ErrorCode => Outcome.ErrorCode;

    public string? ErrorMessage => Outcome.ErrorMessage;

    /// <summary>Id of the rule that decided, or null.</summary>
    public string? RuleId => Outcome.RuleId;

    /// <summary>Position of that rule in the environment, or -1.</summary>
    public int RuleIndex => Outcome.RuleIndex;

    /// <summary>The experiment that assigned the unit, or a guarded rollout's analysis key (<see cref="Model.RolloutPlan.AnalysisKey"/>).</summary>
    public string? ExperimentKey => Outcome.ExperimentKey;

    /// <summary>The experiment's (or guarded rollout's) phase (analysis is per phase), or 0.</summary>
    public int ExperimentPhase => Outcome.ExperimentPhase;

    /// <summary>True when the unit was assigned by an experiment or a guarded rollout: log an exposure.</summary>
    public bool InExperiment => Outcome.InExperiment;

    /// <summary>
    /// The variation to log with the exposure: <see cref="VariationKey"/> for an experiment, the arm
    /// ("not-yet", "in", "holdback") for a guarded rollout; null when no exposure is due.
    /// </summary>
    public string? ExposureVariation => Outcome.ExposureVariation;

    /// <summary>Its index: in the experiment's variations, or the <see cref="Model.RolloutArm"/> value; -1 when none.</summary>
    public int ExposureVariationIndex => Outcome.ExposureVariationIndex;

    /// <summary>The holdout that held this unit back, when the reason is <see cref="EvaluationReason.Holdout"/>.</summary>
    public string? HoldoutKey => Outcome.HoldoutKey;

    /// <summary>The unit's point in [0, 1) that decided a rollout or an experiment; NaN when none did.</summary>
    public double Bucket => _bucketPlusOne == 0 ? double.NaN : (_bucketPlusOne - 1) / Outcome.BucketScale;

    /// <summary>The attribute hashed, when hashing decided.</summary>
    public string? HashAttribute => _bucketPlusOne == 0 ? null : _hashAttribute;

    /// <summary>Its value: the unit id to log with an exposure.</summary>
    public string? HashValue => _bucketPlusOne == 0 ? null : _hashValue;

    public bool IsError => Reason == EvaluationReason.Error;

    /// <summary>False for the default value, which a rule returns when it does not decide.</summary>
    internal bool IsDecided => _outcome is not null;

    private EvaluationOutcome Outcome => _outcome ?? EvaluationOutcome.Empty;

    public static bool operator ==(EvaluationResult left, EvaluationResult right) => left.Equals(right);

    public static bool operator !=(EvaluationResult left, EvaluationResult right) => !left.Equals(right);

    public bool Equals(EvaluationResult other) =>
        Equals(Outcome, other.Outcome)
        && _bucketPlusOne == other._bucketPlusOne
        && string.Equals(HashAttribute, other.HashAttribute, StringComparison.Ordinal)
        && string.Equals(HashValue, other.HashValue, StringComparison.Ordinal);

    public override bool Equals(object? obj) => obj is EvaluationResult other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Outcome, _bucketPlusOne);

    public override string ToString() =>
        $"{FlagKey} = {Value.ToJson()} (variation {VariationKey ?? "none"}, reason {Reason}{(ErrorCode == EvaluationErrorCode.None ? string.Empty : ", " + ErrorCode)})";

    internal static EvaluationResult Failure(string flagKey, EvaluationErrorCode code, string message) =>
        new(new EvaluationOutcome { FlagKey = flagKey, Reason = EvaluationReason.Error, ErrorCode = code, ErrorMessage = message });

    internal EvaluationResult WithFlagKey(string flagKey) =>
        new(Outcome with { FlagKey = flagKey }, _bucketPlusOne - 1, HashAttribute, HashValue);
}
