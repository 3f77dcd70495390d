namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class EnvironmentDto : DtoBase
{
    public bool? Enabled { get; set; }

    public string? OffVariation { get; set; }

    public string? DefaultVariation { get; set; }

    public List<RuleDto?>? Rules { get; set; }
}
