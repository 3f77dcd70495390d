using System.Globalization;
using System.Text;
using FailSmart.Core.Targeting;

namespace FailSmart.Core.Evaluation;

/// <summary>The step-by-step story of one evaluation, for "explain" in a CLI or an admin UI.</summary>
public sealed record EvaluationTrace(string FlagKey, string Environment, EvaluationResult Result, IReadOnlyList<TraceStep> Steps)
{
    /// <summary>A readable multi-line rendering.</summary>
    public string ToText()
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"flag {FlagKey} in {Environment}").AppendLine();
        foreach (TraceStep step in Steps)
        {
            text.Append(CultureInfo.InvariantCulture, $"  {(step.Passed ? "✓" : "✗")} {step.Kind} {step.Subject}: {step.Detail}").AppendLine();
            foreach (ConditionCheck check in step.Conditions)
            {
                text.Append(' ', 6 + (2 * check.Depth));
                text.Append(CultureInfo.InvariantCulture, $"{(check.Passed ? "✓" : "✗")} {check.Target} {check.Expected}");
                if (check.Actual is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" (value: {check.Actual})");
                }

                if (check.Note is not null)
                {
                    text.Append(CultureInfo.InvariantCulture, $" — {check.Note}");
                }

                text.AppendLine();
            }
        }

        EvaluationResult r = Result;
        text.Append(CultureInfo.InvariantCulture, $"=> {r.Value.ToJson()} (variation {r.VariationKey ?? "none"}, reason {r.Reason}");
        if (r.ErrorCode != EvaluationErrorCode.None)
        {
            text.Append(CultureInfo.InvariantCulture, $", error {r.ErrorCode}: {r.ErrorMessage}");
        }

        text.Append(')').AppendLine();
        return text.ToString();
    }
}
