namespace FailSmart.Application.Features;

/// <summary>What a feature links to.</summary>
public enum FeatureLinkKind
{
    /// <summary>A flag, by key.</summary>
    Flag,

    /// <summary>An experiment, by key.</summary>
    Experiment,

    /// <summary>A guarded rollout: a flag's rule in one environment.</summary>
    Rollout,
}
