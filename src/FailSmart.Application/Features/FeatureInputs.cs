namespace FailSmart.Application.Features;

/// <summary>A feature as input again, so a page can change one thing (add a link) and send the rest as it is.</summary>
public static class FeatureInputs
{
    public static FeatureInput ToInput(this Feature feature)
    {
        ArgumentNullException.ThrowIfNull(feature);
        return new FeatureInput(
            feature.Key, feature.Name, feature.Owner, feature.Problem,
            feature.Hypothesis is { } h ? new HypothesisInput(h.Statement, h.Metric, h.MinimumEffect) : null,
            [.. feature.Links.Select(l => new FeatureLinkInput(l.Kind.ToString().ToLowerInvariant(), l.Key, l.Environment, l.Rule))],
            feature.Value.PerUnit, feature.Value.Currency, feature.Value.CostPerPersonDay);
    }

    /// <summary>The feature with one more link, unless it has it already.</summary>
    public static FeatureInput WithLink(this Feature feature, FeatureLinkKind kind, string key)
    {
        FeatureInput input = feature.ToInput();
        return feature.Links.Any(l => l.Kind == kind && l.Key == key)
            ? input
            : input with { Links = [.. input.Links ?? [], new FeatureLinkInput(kind.ToString().ToLowerInvariant(), key)] };
    }
}
