namespace FailSmart.Protocol.Populations;

/// <summary>One stratum: its value of each attribute (["DE", "ios"]) and its units (0 or more).</summary>
public sealed record PopulationStratumRequest(IReadOnlyList<string>? Values, double? Units);
