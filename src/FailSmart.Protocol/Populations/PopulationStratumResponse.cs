namespace FailSmart.Protocol.Populations;

/// <summary>One stratum of a stored population: its value of each attribute and its units.</summary>
public sealed record PopulationStratumResponse(IReadOnlyList<string> Values, double Units);
