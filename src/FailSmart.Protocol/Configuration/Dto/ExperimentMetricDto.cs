namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class ExperimentMetricDto : DtoBase
{
    public string? Key { get; set; }

    public string? Role { get; set; }

    public double? Margin { get; set; }

    public double? MinimumEffect { get; set; }
}
