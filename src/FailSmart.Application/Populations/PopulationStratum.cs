namespace FailSmart.Application.Populations;

/// <summary>One stratum of a target population: its value of each attribute, in the population's attribute order, and its units.</summary>
public sealed record PopulationStratum(IReadOnlyList<string> Values, double Units);
