namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class ExperimentRefDto : DtoBase
{
    public string? Key { get; set; }
}
