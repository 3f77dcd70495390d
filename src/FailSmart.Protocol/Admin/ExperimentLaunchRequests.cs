namespace FailSmart.Protocol.Admin;

/// <summary>The body of starting or stopping an experiment: why (required; the audit log keeps it with the change).</summary>
public sealed record ExperimentActionRequest(string? Reason);

/// <summary>
/// The body of beginning a new phase: why (required), and optionally the new weights (one per variation, in
/// order, summing to 1) and the new coverage (0 to 1). Left out, each stays as it is.
/// </summary>
public sealed record ExperimentNewPhaseRequest(string? Reason, IReadOnlyList<double>? Weights = null, double? Coverage = null);
