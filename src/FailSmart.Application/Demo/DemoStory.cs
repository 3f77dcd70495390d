namespace FailSmart.Application.Demo;

/// <summary>The demo's names: what the home page, the CLI and the tests point at.</summary>
public static class DemoStory
{
    /// <summary>The seed `failsmart demo` and the "Load demo data" button use.</summary>
    public const int DefaultSeed = 20260101;

    /// <summary>The tag every demo resource carries.</summary>
    public const string Tag = "demo";

    /// <summary>The ad-free trial whose cohort the bundled launch reused.</summary>
    public const string NoAds = "no-ads";

    /// <summary>The bundled launch (several features at once) that looks like a win because its treatment cohort is the no-ads trial's.</summary>
    public const string NewHome = "new-home";

    /// <summary>The factorial launch: two web features released together but crossed, so each one's effect can be read on its own.</summary>
    public const string SpringLaunch = "spring-launch";

    /// <summary>The two experiments of the mobile layer (disjoint buckets).</summary>
    public const string OnboardingTips = "onboarding-tips";

    public const string SearchRanking = "search-ranking";

    /// <summary>The pilot in one market (New Zealand).</summary>
    public const string NzCheckout = "nz-checkout";

    /// <summary>The guarded rollout still climbing, and the one that rolled itself back on a guardrail.</summary>
    public const string FastImagesFlag = "fast-images";

    public const string VideoPlayerFlag = "video-player";

    /// <summary>The rule id of both guarded rollouts.</summary>
    public const string RolloutRule = "ramp";

    /// <summary>Where the demo's story is told: the home page, which lists each part with a link.</summary>
    public const string StoryPath = "/?demo=story";

    /// <summary>The experiments whose results are trustworthy (no red check is planted on them).</summary>
    public static IReadOnlyList<string> HealthyExperiments { get; } = [OnboardingTips, SearchRanking, NzCheckout];
}
