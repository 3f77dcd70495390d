using System.Xml;
using FailSmart.Core.Model;
using FailSmart.Protocol.Configuration.Dto;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Protocol.Configuration;

internal sealed partial class ConfigMapper
{
    /// <summary>The word a stage's <c>maxDuration</c> takes to wait forever.</summary>
    public const string NoMaxDuration = "none";

    // Percentages become fractions here; whether they make a valid plan is Core's validator's to say.
    private RolloutPlan MapPlan(RolloutPlanDto dto, string path)
    {
        CheckUnknown(dto, path, "stages, holdback, controlVariation, metrics, phase");
        IReadOnlyList<RolloutPlanStage> stages = dto.Stages is null
            ? RolloutPlan.DefaultStages
            : MapList(dto.Stages, Property(path, "stages"), MapPlanStage);
        return new RolloutPlan(stages)
        {
            Holdback = dto.Holdback is { } holdback ? holdback / 100 : RolloutPlan.DefaultHoldback,
            ControlVariation = dto.ControlVariation,
            Metrics = MapList(dto.Metrics, Property(path, "metrics"), MapMetricReference),
            Phase = dto.Phase ?? 1,
        };
    }

    private RolloutPlanStage MapPlanStage(RolloutPlanStageDto dto, string path)
    {
        CheckUnknown(dto, path, "percentage, minDuration, minUnits, maxDuration, requiresApproval");
        if (dto.Percentage is null)
        {
            Problem(Property(path, "percentage"), "A stage needs a percentage.", "Add \"percentage\": 10 for 10% of the units not held back.");
        }

        // Read as the rollout's percentage is, so a rule serving a stage compares equal to it.
        var stage = new RolloutPlanStage(RolloutStage.FromPercent(dto.Percentage ?? 0).Fraction) { RequiresApproval = dto.RequiresApproval ?? false };
        if (dto.MinDuration is { } min && Duration(min, Property(path, "minDuration"), allowZero: true) is { } minDuration)
        {
            stage = stage with { MinDuration = minDuration };
        }

        if (dto.MaxDuration is { } max)
        {
            stage = stage with
            {
                MaxDuration = string.Equals(max, NoMaxDuration, StringComparison.Ordinal) ? null : Duration(max, Property(path, "maxDuration"), allowZero: false) ?? stage.MaxDuration,
            };
        }

        return dto.MinUnits is { } units ? stage with { MinUnits = units } : stage;
    }

    private MetricReference MapMetricReference(MetricReferenceDto dto, string path)
    {
        CheckUnknown(dto, path, "key, role, margin");
        MetricUse? role = dto.Role switch
        {
            null => null,
            "primary" => MetricUse.Primary,
            "secondary" => MetricUse.Secondary,
            "guardrail" => MetricUse.Guardrail,
            _ => Invalid<MetricUse?>(Property(path, "role"), $"Unknown metric role '{dto.Role}'.", "Use primary, secondary or guardrail, or leave \"role\" out for the metric definition's own role.", null),
        };
        return new MetricReference(dto.Key ?? string.Empty) { Role = role, Margin = dto.Margin };
    }

    private TimeSpan? Duration(string text, string path, bool allowZero)
    {
        try
        {
            TimeSpan span = XmlConvert.ToTimeSpan(text);
            if (span > TimeSpan.Zero || (allowZero && span == TimeSpan.Zero))
            {
                return span;
            }
        }
        catch (FormatException)
        {
        }
        catch (OverflowException)
        {
        }

        Problem(path, $"'{text}' is not a {(allowZero ? "non-negative" : "positive")} ISO 8601 duration.",
            allowZero ? "Write \"P1D\" for one day, \"PT6H\" for six hours, or \"PT0S\" for none." : $"Write \"P7D\" for seven days or \"PT12H\" for twelve hours, or \"{NoMaxDuration}\" to wait forever.");
        return null;
    }
}
