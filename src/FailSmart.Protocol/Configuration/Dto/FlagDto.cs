namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class FlagDto : DtoBase
{
    public string? Key { get; set; }

    public string? Description { get; set; }

    public string? Type { get; set; }

    public List<VariationDto?>? Variations { get; set; }

    public List<PrerequisiteDto?>? Prerequisites { get; set; }

    public Dictionary<string, EnvironmentDto?>? Environments { get; set; }
}
