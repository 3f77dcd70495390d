namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class FactorialDto : DtoBase
{
    public List<FactorialFeatureDto?>? Features { get; set; }
}
