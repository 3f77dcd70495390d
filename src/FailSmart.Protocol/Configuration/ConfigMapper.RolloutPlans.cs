using System.Xml;
using FailSmart.Core.Model;
using FailSmart.Protocol.Configuration.Dto;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Protocol.Configuration;

/// <summary>A guarded rollout's plan: stages in percent, durations in ISO 8601 ("P1D", "PT12H").</summary>
internal sealed partial class ConfigMapper
{
    private RolloutPlan MapPlan(RolloutPlanDto dto, string path)
    {
        CheckUnknown(dto, path, "stages, holdbackPercentage, controlVariation, metrics, phase");
        IReadOnlyList<RolloutPlanStage> stages = dto.Stages is null ? RolloutPlan.DefaultStages : MapList(dto.Stages, Property(path, "stages"), MapPlanStage);
        return new RolloutPlan(stages)
        {
            Holdback = dto.HoldbackPercentage is { } holdback ? holdback / 100 : RolloutPlan.DefaultHoldback,
            ControlVariation = dto.ControlVariation,
            Metrics = MapList(dto.Metrics, Property(path, "metrics"), MapMetricReference),
            Phase = dto.Phase ?? 1,
        };
    }

    private RolloutPlanStage MapPlanStage(RolloutPlanStageDto dto, string path)
    {
        CheckUnknown(dto, path, "percentage, minDuration, minUnits, maxDuration, requiresApproval");
        var defaults = new RolloutPlanStage(0);
        return new RolloutPlanStage((dto.Percentage ?? 0) / 100)
        {
            MinDuration = Duration(dto.MinDuration, Property(path, "minDuration")) ?? defaults.MinDuration,
            MinUnits = dto.MinUnits ?? defaults.MinUnits,
            MaxDuration = dto.MaxDuration is null ? defaults.MaxDuration : Duration(dto.MaxDuration, Property(path, "maxDuration")),
            RequiresApproval = dto.RequiresApproval ?? false,
        };
    }

    private MetricReference MapMetricReference(MetricReferenceDto dto, string path)
    {
        CheckUnknown(dto, path, "key, role, margin");
        MetricUse? role = null;
        if (dto.Role is { } text)
        {
            if (Enum.TryParse(text, ignoreCase: true, out MetricUse parsed) && !int.TryParse(text, out _))
            {
                role = parsed;
            }
            else
            {
                Problem(Property(path, "role"), $"'{text}' is not a metric role.", "Use \"primary\", \"secondary\" or \"guardrail\".");
            }
        }

        return new MetricReference(dto.Key ?? string.Empty) { Role = role, Margin = dto.Margin };
    }

    private TimeSpan? Duration(string? text, string path)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return XmlConvert.ToTimeSpan(text);
        }
        catch (FormatException)
        {
            Problem(path, $"'{text}' is not an ISO 8601 duration.", "Write \"P1D\" for a day or \"PT30M\" for 30 minutes.");
            return null;
        }
    }
}
