namespace FailSmart.Web.Experiments.Design;

/// <summary>One feature of a factorial launch being designed: the boolean flag it switches, and its seed (empty for the default).</summary>
public sealed class LaunchFeature(string flag)
{
    public string Flag { get; } = flag;

    /// <summary>The seed typed in; empty keeps the default, the launch's key and the flag's.</summary>
    public string Seed { get; set; } = "";
}
