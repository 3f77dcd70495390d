using FailSmart.Application.Demo;

namespace FailSmart.Server.Demo;

/// <summary>
/// The simulated product: who its people are, what each variation truly does to them, and the metrics
/// that measure it. The planted effects are the numbers the results should find again.
/// </summary>
internal static class DemoWorld
{
    public const int Units = 40_000;
    public const int Days = 30;

    /// <summary>The metric window of purchases and ad clicks (the metrics' P14D).</summary>
    public const int WindowDays = 14;

    public const double PurchaseRate = 0.22;
    public const double SecondPurchaseRate = 0.35;
    public const double MedianOrderValue = 35;
    public const double AdClicksPerWindow = 1.2;

    public const string PageView = "page-view";
    public const string Purchase = "purchase";
    public const string AdClick = "ad-click";

    /// <summary>The target population of every market the product sells to, written at the end of the history.</summary>
    public const string MarketsPopulation = "launch-markets";

    private static readonly (string Country, double Share)[] s_countries = [("US", 0.35), ("GB", 0.20), ("DE", 0.20), ("SE", 0.13), ("NZ", 0.12)];
    private static readonly (string Platform, double Share)[] s_platforms = [("ios", 0.35), ("android", 0.35), ("web", 0.30)];

    /// <summary>What each experiment's variations do; the first variation of each is the control.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<(string Variation, DemoTreatment Effect)>> Experiments { get; } =
        new Dictionary<string, IReadOnlyList<(string, DemoTreatment)>>(StringComparer.Ordinal)
        {
            [DemoStory.OnboardingTips] = [("control", DemoTreatment.None), ("tips", new(Return: 1.15, Purchase: 1.05)), ("video", new(Return: 1.04, PageLoad: 1.12))],
            [DemoStory.SearchRanking] = [("control", DemoTreatment.None), ("personal", new(Purchase: 1.20, OrderValue: 1.05, PageLoad: 1.03)), ("popular", DemoTreatment.None)],
            [DemoStory.NoAds] = [("off", DemoTreatment.None), ("on", new(Return: 1.08, Purchase: 0.97, PageLoad: 0.85, AdClicks: 0.10))],
            [DemoStory.NewHome] = [("off", DemoTreatment.None), ("on", new(Return: 0.98, Purchase: 0.96, PageLoad: 1.06))],
            // The pilot's effect differs by platform (see DemoPilot); planted here is its average over New Zealand's platforms, the cohort's.
            [DemoStory.NzCheckout] = [("control", DemoTreatment.None), (DemoPilot.Treatment, new(Purchase: 1 + DemoPilot.PurchaseLift(DemoPilot.Platforms)))],
        };

    /// <summary>What the guarded rollouts' feature does to the units that get it ("in").</summary>
    public static IReadOnlyDictionary<string, DemoTreatment> Rollouts { get; } = new Dictionary<string, DemoTreatment>(StringComparer.Ordinal)
    {
        [DemoStory.FastImagesFlag] = new(PageLoad: 0.92),
        [DemoStory.VideoPlayerFlag] = new(PageLoad: 1.35),
    };

    /// <summary>Each treatment's true relative effect on each metric, from the factors above.</summary>
    public static IReadOnlyList<PlantedEffect> PlantedEffects()
    {
        var effects = new List<PlantedEffect>();
        foreach ((string experiment, IReadOnlyList<(string Variation, DemoTreatment Effect)> variations) in Experiments)
        {
            foreach ((string variation, DemoTreatment t) in variations.Skip(1))
            {
                effects.Add(new(experiment, variation, DemoMetrics.Retention, t.Return - 1));
                effects.Add(new(experiment, variation, DemoMetrics.Conversion, t.Purchase - 1));
                effects.Add(new(experiment, variation, DemoMetrics.Revenue, (t.Purchase * t.OrderValue) - 1));
                effects.Add(new(experiment, variation, DemoMetrics.PageLoad, t.PageLoad - 1));
                effects.Add(new(experiment, variation, DemoMetrics.AdClicks, t.AdClicks - 1));
            }
        }

        return effects;
    }

    /// <summary>
    /// The population, the same for a seed: markets and platforms in fixed shares (New Zealand, the pilot market, mostly
    /// on the web), arrivals spread over the days.
    /// </summary>
    public static IReadOnlyList<DemoUnit> Population(int seed)
    {
        var units = new DemoUnit[Units];
        for (int i = 0; i < Units; i++)
        {
            DemoRandom random = DemoRandom.For(seed, i, 0, 0);
            string country = Pick(s_countries, random.NextDouble());
            units[i] = new DemoUnit(
                i,
                $"u-{i + 1:D5}",
                country,
                Pick(country == DemoPilot.Market ? DemoPilot.Platforms : s_platforms, random.NextDouble()),
                random.Below(Days),
                TimeSpan.FromMinutes(random.Below(18 * 60)),
                0.15 + (0.40 * random.NextDouble()),
                random.LogNormal(1100, 0.3));
        }

        return units;
    }

    private static string Pick(IReadOnlyList<(string Value, double Share)> shares, double u)
    {
        foreach ((string value, double share) in shares)
        {
            if ((u -= share) < 0)
            {
                return value;
            }
        }

        return shares[^1].Value;
    }
}
