namespace FailSmart.Core.Model;

/// <summary>A metric an experiment or rollout watches, by key, with the role it plays there.</summary>
/// <param name="Key">The metric definition's key.</param>
public sealed record MetricReference(string Key)
{
    /// <summary>The role here; the definition's own role when null.</summary>
    public MetricUse? Role { get; init; }

    /// <summary>For a guardrail: the harm tolerated here, relative (0.01 for 1%); the definition's margin when null.</summary>
    public double? Margin { get; init; }

    /// <summary>
    /// For the primary metric: the smallest relative change worth acting on, signed in the direction the
    /// hypothesis expects (0.02: at least 2% up; −0.02: at least 2% down). It sizes the experiment.
    /// </summary>
    public double? MinimumEffect { get; init; }
}
