namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class HoldoutDto : DtoBase
{
    public string? Key { get; set; }

    public string? Salt { get; set; }

    public string? HashAttribute { get; set; }

    public string? Description { get; set; }

    public List<int>? Buckets { get; set; }

    public HoldoutScopeDto? Scope { get; set; }
}
