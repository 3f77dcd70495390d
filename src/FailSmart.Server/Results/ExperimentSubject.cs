namespace FailSmart.Server.Results;

/// <summary>What the analysis needs to know about an experiment: its key, the phase, and the planned split.</summary>
/// <param name="Key">The experiment key.</param>
/// <param name="Phase">The phase to analyse.</param>
/// <param name="Variations">Variation keys and planned weights, in index order; index 0 is the control.</param>
/// <param name="Factorial">For a factorial launch: its features, whose cells the variations are.</param>
internal sealed record ExperimentSubject(string Key, int Phase, IReadOnlyList<(string Key, double Weight)> Variations, FactorialSubject? Factorial = null);
