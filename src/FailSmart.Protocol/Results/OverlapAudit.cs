namespace FailSmart.Protocol.Results;

/// <summary>
/// The χ² test of independence between this experiment's assignment and another's, over this experiment's units: its variations × the other's variations,
/// plus "not in the other". Independent assignments are harmless; a dependency means one experiment's effect leaks into the other's result.
/// </summary>
/// <param name="Experiment">The other experiment.</param>
/// <param name="Phase">Its phase.</param>
/// <param name="SharedUnits">Units in both.</param>
/// <param name="ChiSquare">Pearson's χ² on that table.</param>
/// <param name="DegreesOfFreedom">(rows − 1)(columns − 1) of the non-empty table.</param>
/// <param name="PValue">The p-value; below the threshold the assignments are dependent.</param>
/// <param name="Dependent">True when p is below the threshold.</param>
public sealed record OverlapAudit(string Experiment, int Phase, long SharedUnits, double ChiSquare, int DegreesOfFreedom, double PValue, bool Dependent);
