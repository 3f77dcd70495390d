namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class HoldoutScopeDto : DtoBase
{
    public bool? All { get; set; }

    public List<string>? Flags { get; set; }

    public List<string>? Experiments { get; set; }

    public List<string>? Layers { get; set; }
}
