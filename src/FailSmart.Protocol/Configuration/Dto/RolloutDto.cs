namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class RolloutDto : DtoBase
{
    public string? Variation { get; set; }

    public double? Percentage { get; set; }

    public string? HashAttribute { get; set; }

    public string? FallbackAttribute { get; set; }

    public string? Seed { get; set; }

    public int? HashVersion { get; set; }

    public RolloutPlanDto? Plan { get; set; }

    public string? Bucketing { get; set; }

    public double? From { get; set; }
}
