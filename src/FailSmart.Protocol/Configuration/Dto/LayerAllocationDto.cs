namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class LayerAllocationDto : DtoBase
{
    public string? Key { get; set; }

    public List<int>? Buckets { get; set; }
}
