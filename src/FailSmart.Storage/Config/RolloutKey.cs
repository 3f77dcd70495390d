namespace FailSmart.Storage.Config;

/// <summary>Names one guarded rollout: a rule of a flag in an environment.</summary>
public sealed record RolloutKey(string Environment, string Flag, string Rule)
{
    public override string ToString() => $"{Environment}/{Flag}/{Rule}";
}
