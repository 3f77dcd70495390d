using FailSmart.Application.Demo;

namespace FailSmart.Server.Demo;

/// <summary>
/// The one-market pilot, as "My Biggest Failure" tells it: a change that wins in the pilot market and loses once
/// launched. New Zealand shops on the web, the launch markets mostly on the apps; the one-page checkout sells more on
/// the web but less in the apps (it replaces the app's own payment sheet). So the pilot's effect is mostly the web's,
/// and reweighted to the launch markets' mix of platforms it is about nothing, or a loss.
/// </summary>
internal static class DemoPilot
{
    public const string Key = DemoStory.NzCheckout;

    public const string Market = "NZ";

    public const string Treatment = "one-page";

    /// <summary>New Zealand's platforms: three in four people on the web, where the other markets have 30%.</summary>
    public static IReadOnlyList<(string Platform, double Share)> Platforms { get; } = [("ios", 0.125), ("android", 0.125), ("web", 0.75)];

    /// <summary>What the one-page checkout does on each platform.</summary>
    public static DemoTreatment OnePage(string platform) => platform == "web" ? new DemoTreatment(Purchase: 1.30) : new DemoTreatment(Purchase: 0.80);

    /// <summary>What a variation of the pilot does to a person on the platform.</summary>
    public static DemoTreatment Effect(string variation, string platform) => variation == Treatment ? OnePage(platform) : DemoTreatment.None;

    /// <summary>The planted relative effect on the purchase rate for a mix of platforms (shares summing to 1).</summary>
    public static double PurchaseLift(IEnumerable<(string Platform, double Share)> mix) => mix.Sum(p => p.Share * OnePage(p.Platform).Purchase) - 1;
}
