namespace FailSmart.Application.Results;

/// <summary>One experiment as the experiments list shows it, for one environment.</summary>
/// <param name="Key">The experiment key.</param>
/// <param name="Hypothesis">What it is meant to show; empty when none was written.</param>
/// <param name="Status">draft, running or stopped.</param>
/// <param name="Phase">Its current phase; results are read per phase.</param>
/// <param name="Layer">The layer it takes its buckets from, or null.</param>
/// <param name="Flags">The flags that run it in the environment (a rule with this experiment); empty when none does there.</param>
public sealed record ExperimentSummary(string Key, string Hypothesis, string Status, int Phase, string? Layer, IReadOnlyList<string> Flags);
