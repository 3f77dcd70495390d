namespace FailSmart.Core.Evaluation;

/// <summary>What went wrong when the reason is <see cref="EvaluationReason.Error"/>.</summary>
public enum EvaluationErrorCode
{
    None,
    FlagNotFound,
    EnvironmentNotConfigured,
    PrerequisiteTooDeep,
    Unexpected,
}
