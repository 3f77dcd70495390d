namespace FailSmart.Application.Insights;

/// <summary>How many evaluations in the stale window served one variation, and their share of all of them.</summary>
public sealed record VariationShare(string Variation, long Evaluations, double Share);
