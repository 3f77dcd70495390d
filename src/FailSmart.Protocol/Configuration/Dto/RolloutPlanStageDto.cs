namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class RolloutPlanStageDto : DtoBase
{
    public double? Percentage { get; set; }

    public string? MinDuration { get; set; }

    public long? MinUnits { get; set; }

    public string? MaxDuration { get; set; }

    public bool? RequiresApproval { get; set; }
}
