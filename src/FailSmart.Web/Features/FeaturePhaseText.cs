using FailSmart.Application.Features;

namespace FailSmart.Web.Features;

/// <summary>How pages name the phases and the question each one asks.</summary>
internal static class FeaturePhaseText
{
    public static IReadOnlyList<FeaturePhase> Lifecycle { get; } = [FeaturePhase.Think, FeaturePhase.Build, FeaturePhase.Ship, FeaturePhase.Tweak, FeaturePhase.Maintain];

    public static string Name(FeaturePhase phase) => phase switch
    {
        FeaturePhase.Think => "Think It",
        FeaturePhase.Build => "Build It",
        FeaturePhase.Ship => "Ship It",
        FeaturePhase.Tweak => "Tweak It",
        FeaturePhase.Maintain => "Maintain It",
        _ => "Stopped",
    };

    public static string Question(FeaturePhase phase) => phase switch
    {
        FeaturePhase.Think => "Is the problem real, and worth solving?",
        FeaturePhase.Build => "Can we build the smallest thing that tests it?",
        FeaturePhase.Ship => "Does it work for real users, without harm?",
        FeaturePhase.Tweak => "Does it move the metric, and which version most?",
        FeaturePhase.Maintain => "Is it still worth what it costs to keep?",
        _ => "Stopped, with the lesson kept.",
    };

    public static string Slug(FeaturePhase phase) => phase.ToString().ToLowerInvariant();

    public static FeaturePhase? Parse(string? slug) =>
        slug is not null && Enum.TryParse(slug, ignoreCase: true, out FeaturePhase phase) && Enum.IsDefined(phase) && !slug.Any(char.IsDigit) ? phase : null;

    /// <summary>"raises 'checkout-conversion' by at least 2%", or null without a metric.</summary>
    public static string? Expectation(Core.Model.Hypothesis? hypothesis) => hypothesis?.Metric is not { } metric ? null
        : hypothesis.MinimumEffect is double effect
            ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $"'{metric}' {(effect < 0 ? "falls" : "rises")} by at least {Math.Abs(effect) * 100:0.##}%")
            : $"measured on '{metric}' (no smallest effect yet)";
}
