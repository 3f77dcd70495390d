namespace FailSmart.Core.Model;

/// <summary>What a matching rule does: <see cref="ForceAction"/>, <see cref="RolloutAction"/> or <see cref="ExperimentAction"/>.</summary>
public abstract record RuleAction;
