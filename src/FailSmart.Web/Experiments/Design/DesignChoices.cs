namespace FailSmart.Web.Experiments.Design;

/// <summary>A metric the wizard offers: its key, its type (a rate's variance follows from its mean) and whether it is archived.</summary>
public sealed record MetricChoice(string Key, string Type, bool Archived)
{
    /// <summary>Conversion and retention metrics are rates.</summary>
    public bool IsRate => Type is "conversion" or "retention";
}

/// <summary>A flag the wizard offers, with its variation keys and environments.</summary>
public sealed record FlagChoice(string Key, IReadOnlyList<string> Variations, IReadOnlyList<string> Environments);

/// <summary>A layer the wizard offers, with the unit attribute it hashes.</summary>
public sealed record LayerChoice(string Key, string HashAttribute);
