using FailSmart.Application.Demo;

namespace FailSmart.Server.Demo;

/// <summary>
/// The demo's factorial launch: smarter search and trust badges, released together on the web outside New Zealand
/// (where no other experiment runs: the layer and the US trials are on the apps, the pilot in New Zealand). Each
/// feature is a boolean flag whose rule assigns through the launch, so FailSmart's evaluation switches it on for the
/// half of people its own seed puts below the middle bucket, and records the person's cell. Search sells more; the
/// badges, meant to reassure, clutter the checkout and sell less. Shipped as one bundle, the harm would hide inside the win.
/// </summary>
internal static class DemoLaunch
{
    public const string Key = DemoStory.SpringLaunch;

    public const string SmartSearch = "smart-search";

    public const string TrustBadges = "trust-badges";

    /// <summary>The features in the launch's order, with what each does to the people whose flag serves true.</summary>
    public static IReadOnlyList<(string Flag, DemoTreatment Effect)> Features { get; } =
    [
        (SmartSearch, new DemoTreatment(Purchase: 1.15)),
        (TrustBadges, new DemoTreatment(Purchase: 0.87)),
    ];

    /// <summary>
    /// What a feature's flag does to a person it served: its feature's effect when on, nothing when off or when the flag
    /// is not one of the launch's. The effects multiply, so on the purchase rate they barely interact.
    /// </summary>
    public static DemoTreatment EffectOf(string flag, bool on)
    {
        foreach ((string feature, DemoTreatment effect) in Features)
        {
            if (on && feature == flag)
            {
                return effect;
            }
        }

        return DemoTreatment.None;
    }
}
