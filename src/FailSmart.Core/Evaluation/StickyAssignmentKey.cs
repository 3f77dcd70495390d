namespace FailSmart.Core.Evaluation;

/// <summary>Identifies a unit's assignment in one experiment: the hashed attribute, its value, and the experiment.</summary>
public readonly record struct StickyAssignmentKey(string HashAttribute, string HashValue, string ExperimentKey);
