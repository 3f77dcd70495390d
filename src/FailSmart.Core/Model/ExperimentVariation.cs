namespace FailSmart.Core.Model;

/// <summary>An arm of an experiment. The key names a variation of the flag that runs the experiment.</summary>
public sealed record ExperimentVariation(string Key, double Weight);
