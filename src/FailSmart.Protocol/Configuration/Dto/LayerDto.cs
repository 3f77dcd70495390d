namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class LayerDto : DtoBase
{
    public string? Key { get; set; }

    public string? Salt { get; set; }

    public string? HashAttribute { get; set; }

    public string? Description { get; set; }
}
