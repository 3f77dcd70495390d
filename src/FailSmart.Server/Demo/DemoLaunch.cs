using FailSmart.Application.Demo;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;

namespace FailSmart.Server.Demo;

/// <summary>
/// The demo's factorial launch: smarter search and trust badges, released together on the web but each switched on
/// for half the people by its own hash, so the results can tell them apart. Search sells more; the badges, meant to
/// reassure, clutter the checkout and sell less. Shipped as one bundle, the harm would hide inside the win.
/// </summary>
internal static class DemoLaunch
{
    public const string Key = DemoStory.SpringLaunch;

    public const string SmartSearch = "smart-search";

    public const string TrustBadges = "trust-badges";

    /// <summary>The features in the launch's order, with what each does to the people who get it.</summary>
    public static IReadOnlyList<(string Flag, DemoTreatment Effect)> Features { get; } =
    [
        (SmartSearch, new DemoTreatment(Purchase: 1.15)),
        (TrustBadges, new DemoTreatment(Purchase: 0.87)),
    ];

    /// <summary>
    /// The person's cell, or null when the launch does not reach them. It runs on the web outside New Zealand, where no
    /// other experiment runs (the layer and the US trials are on the apps, the pilot in New Zealand); each feature is on
    /// for the half of people its own seed puts below the middle bucket, as the launch's evaluation assigns them.
    /// </summary>
    public static string? Cell(DemoUnit unit)
    {
        if (unit.Platform != "web" || unit.Country == "NZ")
        {
            return null;
        }

        return FactorialCells.KeyOf([.. Features.Select(f => BucketHash.BucketV2(FactorialDesign.DefaultSeed(Key, f.Flag), unit.Id) < BucketHash.BucketCount / 2)]);
    }

    /// <summary>What a cell does: the product of its features' effects, so they barely interact on the purchase rate.</summary>
    public static DemoTreatment Effect(string cell)
    {
        bool[] on = FactorialCells.Parse(cell);
        DemoTreatment effect = DemoTreatment.None;
        for (int i = 0; i < on.Length; i++)
        {
            effect = on[i] ? effect.Times(Features[i].Effect) : effect;
        }

        return effect;
    }
}
