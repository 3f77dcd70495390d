namespace FailSmart.Storage.Config;

/// <summary>The kinds of configuration the admin API manages. Stored as lower-case names.</summary>
public enum ResourceKind
{
    Flag,
    Segment,
    Experiment,
    Layer,
    Holdout,
    Metric,
}
