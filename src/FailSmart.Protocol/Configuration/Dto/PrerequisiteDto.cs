namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class PrerequisiteDto : DtoBase
{
    public string? Flag { get; set; }

    public List<string>? Variations { get; set; }
}
