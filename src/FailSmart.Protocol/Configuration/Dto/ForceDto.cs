namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class ForceDto : DtoBase
{
    public string? Variation { get; set; }
}
