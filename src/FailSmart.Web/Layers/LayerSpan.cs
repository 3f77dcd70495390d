namespace FailSmart.Web.Layers;

/// <summary>A span [From, To) of a layer's 10,000 buckets: an experiment's, or free when <see cref="Owner"/> is null.</summary>
public sealed record LayerSpan(int From, int To, string? Owner, string? Status)
{
    public const int Buckets = 10_000;

    public bool Free => Owner is null;

    /// <summary>The share of the layer's units, as the UI prints it ("25%", "0.5%").</summary>
    public string Share => ((To - From) * 100.0 / Buckets).ToString("0.##", System.Globalization.CultureInfo.InvariantCulture) + "%";
}
