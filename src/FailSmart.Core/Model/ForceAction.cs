namespace FailSmart.Core.Model;

/// <summary>Serve one variation to everyone the rule matches.</summary>
public sealed record ForceAction(string Variation) : RuleAction;
