namespace FailSmart.Protocol.Configuration.Dto;

internal sealed class ExperimentDto : DtoBase
{
    public string? Key { get; set; }

    public string? Hypothesis { get; set; }

    public string? HashAttribute { get; set; }

    public string? FallbackAttribute { get; set; }

    public List<ExperimentVariationDto?>? Variations { get; set; }

    public double? Coverage { get; set; }

    public string? Seed { get; set; }

    public int? HashVersion { get; set; }

    public LayerAllocationDto? Layer { get; set; }

    public int? Phase { get; set; }

    public string? Status { get; set; }

    public List<ExperimentMetricDto?>? Metrics { get; set; }

    public FactorialDto? Factorial { get; set; }
}
