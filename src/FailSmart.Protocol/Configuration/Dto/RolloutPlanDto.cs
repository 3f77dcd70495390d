namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class RolloutPlanDto : DtoBase
{
    public List<RolloutPlanStageDto?>? Stages { get; set; }

    public double? HoldbackPercentage { get; set; }

    public string? ControlVariation { get; set; }

    public List<MetricReferenceDto?>? Metrics { get; set; }

    public int? Phase { get; set; }
}
