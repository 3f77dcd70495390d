using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;

namespace FailSmart.Client.FeatureManagement;

/// <summary>When a FailSmart evaluation counts as an enabled Microsoft.FeatureManagement feature.</summary>
internal static class FeatureEnabled
{
    /// <summary>
    /// A boolean flag is enabled when it serves true. Any other flag is enabled when FailSmart served a
    /// variation without error and the flag is on for the unit: not when it is turned off in the
    /// environment (Disabled) or a prerequisite failed (PrerequisiteFailed), the two cases that serve the
    /// off variation. A rule's variation, the default variation and a holdout's default all count as on.
    /// </summary>
    public static bool For(in FlagEvaluation<DataValue> detail) =>
        !detail.IsDefault
        && (detail.Value.Kind == DataValueKind.Boolean
            ? detail.Value.AsBoolean()
            : detail.Reason is not (EvaluationReason.Disabled or EvaluationReason.PrerequisiteFailed or EvaluationReason.Error));
}
