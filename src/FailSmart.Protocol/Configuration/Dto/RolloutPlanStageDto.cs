namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class RolloutPlanStageDto : DtoBase
{
    public double? Percentage { get; set; }

    /// <summary>ISO 8601 duration, as metric windows are written.</summary>
    public string? MinDuration { get; set; }

    public long? MinUnits { get; set; }

    /// <summary>ISO 8601 duration, or "none" to wait forever.</summary>
    public string? MaxDuration { get; set; }

    public bool? RequiresApproval { get; set; }
}
