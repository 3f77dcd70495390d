namespace FailSmart.Core.Model;

/// <summary>Another flag that must evaluate to one of the given variations before this flag's rules run.</summary>
public sealed record Prerequisite(string FlagKey, IReadOnlyList<string> Variations);
