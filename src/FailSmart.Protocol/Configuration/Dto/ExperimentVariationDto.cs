namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class ExperimentVariationDto : DtoBase
{
    public string? Key { get; set; }

    public double? Weight { get; set; }
}
