namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class FactorialFeatureDto : DtoBase
{
    public string? Flag { get; set; }

    public string? Seed { get; set; }
}
