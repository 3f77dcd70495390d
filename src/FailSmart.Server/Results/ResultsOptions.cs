namespace FailSmart.Server.Results;

/// <summary>How often running experiments are re-analysed in the background (<c>Results</c>).</summary>
internal sealed class ResultsOptions
{
    public const string SectionName = "Results";

    /// <summary>The time between refreshes; zero turns the background refresh off.</summary>
    public TimeSpan RefreshInterval { get; set; } = TimeSpan.FromMinutes(15);
}
