namespace FailSmart.Core.Model;

/// <summary>Assign the unit through an experiment; its variation keys name this flag's variations.</summary>
public sealed record ExperimentAction(string ExperimentKey) : RuleAction;
