namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// The sections of a configuration-as-code file, each also the admin API's URL segment, in the order a
/// re-export writes them (the configuration document's order, then metric definitions).
/// </summary>
internal static class ConfigSections
{
    public const string Flags = "flags";
    public const string Segments = "segments";
    public const string Experiments = "experiments";
    public const string Layers = "layers";
    public const string Holdouts = "holdouts";
    public const string Metrics = "metrics";

    /// <summary>The configuration document's sections; metric definitions are this file's addition.</summary>
    public static IReadOnlyList<string> RuleSet { get; } = [Flags, Segments, Experiments, Layers, Holdouts];

    public static IReadOnlyList<string> All { get; } = [Flags, Segments, Experiments, Layers, Holdouts, Metrics];

    /// <summary>The singular name, for sentences and plan rows.</summary>
    public static string Singular(string section) => section switch
    {
        Metrics => "metric",
        _ => section[..^1],
    };

    /// <summary>Tie-break among resources that do not depend on one another: what others refer to goes first.</summary>
    public static int Rank(string section) => section switch
    {
        Metrics => 0,
        Segments => 1,
        Layers => 2,
        Experiments => 3,
        Flags => 4,
        _ => 5,
    };
}
