using System.Text.Json;
using FailSmart.Application.Demo;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Demo;

/// <summary>
/// The demo's configuration as its team wrote it, change by change: metrics and segments, a layer with two
/// experiments, the ad-free trial, the bundled launch that reused its cohort (an acknowledged collision),
/// a factorial launch of two web features with their flags, a pilot in New Zealand, and two guarded rollouts that begin during the simulated month.
/// </summary>
internal static class DemoConfiguration
{
    private const string Mobile = "mobile";
    private const string NzMarket = "nz-market";
    private const string Layer = "mobile-growth";
    private const string LaunchRule = "spring";

    // Audiences that cannot overlap, so only the careless launch collides with anything. Equality is written
    // as $eq: shorthand equality coerces ("5" matches 5), so the collision guard cannot rule out an overlap.
    private const string LayerAudience = """{"$and": [{"country": {"$ne": "NZ"}}, {"country": {"$ne": "US"}}]}""";
    private const string UsAudience = """{"country": {"$eq": "US"}}""";
    private const string WebAudience = """{"platform": {"$eq": "web"}, "country": {"$ne": "NZ"}}""";

    public static IReadOnlyList<DemoWrite> Writes()
    {
        TimeSpan setup = TimeSpan.FromDays(-1);
        TimeSpan At(TimeSpan day, int hour, int minute) => day + TimeSpan.FromHours(hour) + TimeSpan.FromMinutes(minute);
        return
        [
            new(At(setup, 9, 5), DemoPersona.Dana, ResourceKind.Metric, Metric(DemoMetrics.Retention, "Came back on day 7 after first seeing the experiment.",
                $$"""{"type": "retention", "event": "{{DemoWorld.PageView}}", "retentionDay": 7}"""), "The decision metric for engagement work."),
            new(At(setup, 9, 8), DemoPersona.Dana, ResourceKind.Metric, Metric(DemoMetrics.Conversion, "Bought anything within 14 days.",
                $$"""{"type": "conversion", "event": "{{DemoWorld.Purchase}}", "window": "P14D"}"""), "Purchases, for checkout and search work."),
            new(At(setup, 9, 11), DemoPersona.Dana, ResourceKind.Metric, Metric(DemoMetrics.Revenue, "Order value per person within 14 days.",
                $$"""{"type": "sum", "event": "{{DemoWorld.Purchase}}", "window": "P14D", "role": "secondary"}"""), "Revenue per person."),
            new(At(setup, 9, 14), DemoPersona.Dana, ResourceKind.Metric, Metric(DemoMetrics.PageLoad, "Average page-load time in milliseconds (lower is better).",
                $$"""{"type": "mean", "event": "{{DemoWorld.PageView}}", "window": "P14D", "direction": "decrease", "role": "guardrail", "nonInferiorityMargin": 0.05}"""), "Nothing ships that makes pages more than 5% slower."),
            new(At(setup, 9, 17), DemoPersona.Dana, ResourceKind.Metric, Metric(DemoMetrics.AdClicks, "Ad clicks per person within 14 days.",
                $$"""{"type": "count", "event": "{{DemoWorld.AdClick}}", "window": "P14D", "role": "secondary"}"""), "Ad revenue follows ad clicks."),

            new(At(setup, 9, 30), DemoPersona.Dana, ResourceKind.Segment, Segment(Mobile, "People on the iOS and Android apps.", """{"platform": {"$ne": "web"}}"""), "Mobile audience for app experiments."),
            new(At(setup, 9, 32), DemoPersona.Dana, ResourceKind.Segment, Segment(NzMarket, "People in New Zealand, our pilot market.", """{"country": {"$eq": "NZ"}}"""), "Pilots run in New Zealand first."),

            new(At(setup, 10, 0), DemoPersona.Maya, ResourceKind.Layer,
                $$"""{"key": "{{Layer}}", "salt": "mobile-growth-2026", "description": "Mobile app experiments in GB, DE and SE: each person is in at most one.", "tags": ["{{DemoStory.Tag}}"]}""",
                "One layer, so the growth experiments never share a person."),
            new(At(setup, 10, 5), DemoPersona.Maya, ResourceKind.Experiment, Experiment(DemoStory.OnboardingTips,
                "Tips during onboarding bring more people back in their first week.", """, "layer": {"key": "mobile-growth", "buckets": [0, 5000]}""",
                primary: DemoMetrics.Retention), "Half of the layer."),
            new(At(setup, 10, 9), DemoPersona.Maya, ResourceKind.Experiment, Experiment(DemoStory.SearchRanking,
                "Personal search results lead to more purchases.", """, "layer": {"key": "mobile-growth", "buckets": [5000, 10000]}""",
                primary: DemoMetrics.Conversion), "The other half of the layer."),
            new(At(setup, 10, 20), DemoPersona.Maya, ResourceKind.Flag, Flag(DemoStory.OnboardingTips, "Onboarding: plain, tips, or a short video.", "string",
                [("control", "\"plain\""), ("tips", "\"tips\""), ("video", "\"video\"")], Rule("growth", [Mobile], LayerAudience, DemoStory.OnboardingTips)),
                "Start the onboarding experiment."),
            new(At(setup, 10, 24), DemoPersona.Maya, ResourceKind.Flag, Flag(DemoStory.SearchRanking, "Search ranking: as today, personal, or by popularity.", "string",
                [("control", "\"relevance\""), ("personal", "\"personal\""), ("popular", "\"popular\"")], Rule("growth", [Mobile], LayerAudience, DemoStory.SearchRanking)),
                "Start the search experiment."),

            new(At(setup, 11, 0), DemoPersona.Leo, ResourceKind.Experiment, Experiment(DemoStory.NoAds,
                "Without ads, people come back more often.", "", primary: DemoMetrics.Retention), "The ad-free trial in the US apps."),
            new(At(setup, 11, 5), DemoPersona.Leo, ResourceKind.Flag, Flag(DemoStory.NoAds, "Hides all ads in the app.", "boolean",
                [("off", "false"), ("on", "true")], Rule("trial", [Mobile], UsAudience, DemoStory.NoAds)), "Start the ad-free trial."),
            new(At(setup, 15, 40), DemoPersona.Leo, ResourceKind.Experiment, Experiment(DemoStory.NewHome,
                "The new home screen (new feed, new navigation and dark mode together) raises retention.", """, "seed": "no-ads" """.TrimEnd(),
                primary: DemoMetrics.Retention), "Launch test for the new home screen; reuses the ad-free trial's cohort set-up."),
            new(At(setup, 15, 45), DemoPersona.Leo, ResourceKind.Flag, Flag(DemoStory.NewHome, "The new home screen: feed, navigation and dark mode in one release.", "boolean",
                [("off", "false"), ("on", "true")], Rule("launch-test", [Mobile], UsAudience, DemoStory.NewHome)),
                "Launch date is fixed; the ad-free trial ends soon anyway.", AcknowledgesCollisions: true),

            new(At(setup, 15, 50), DemoPersona.Maya, ResourceKind.Experiment, Launch(),
                "Search and badges go out together on the web, crossed, so each one's effect can be read on its own."),
            new(At(setup, 15, 52), DemoPersona.Maya, ResourceKind.Flag, Flag(DemoLaunch.SmartSearch, "Smarter search: spelling-tolerant, with filters.", "boolean",
                [("off", "false"), ("on", "true")], Rule(LaunchRule, [], WebAudience, DemoLaunch.Key)), "Search goes out through the spring launch."),
            new(At(setup, 15, 54), DemoPersona.Maya, ResourceKind.Flag, Flag(DemoLaunch.TrustBadges, "Trust badges at checkout: secure payment, free returns.", "boolean",
                [("off", "false"), ("on", "true")], Rule(LaunchRule, [], WebAudience, DemoLaunch.Key)), "The badges go out through the spring launch, with the same audience as search."),

            new(At(setup, 16, 0), DemoPersona.Aroha, ResourceKind.Experiment, Experiment(DemoStory.NzCheckout,
                "A one-page checkout sells more.", "", primary: DemoMetrics.Conversion), "Pilot in New Zealand before anywhere else."),
            new(At(setup, 16, 3), DemoPersona.Aroha, ResourceKind.Flag, Flag(DemoStory.NzCheckout, "One-page checkout.", "boolean",
                [("control", "false"), ("one-page", "true")], Rule("pilot", [NzMarket], null, DemoStory.NzCheckout)), "Start the pilot."),

            // Both rollouts reach the spring launch's audience; each hashes people apart from the launch's features, so
            // the overlap is acknowledged rather than avoided, and the launch's results audit it.
            new(At(TimeSpan.FromDays(6), 9, 0), DemoPersona.Sam, ResourceKind.Flag, GuardedFlag(DemoStory.VideoPlayerFlag, "The new video player on the web."),
                "Guarded rollout of the new video player; it crosses the spring launch, randomised apart from it.", AcknowledgesCollisions: true),
            new(At(TimeSpan.FromDays(16), 10, 0), DemoPersona.Sam, ResourceKind.Flag, GuardedFlag(DemoStory.FastImagesFlag, "Smaller, faster images on the web."),
                "Guarded rollout of the image pipeline; 100% needs a person's approval. It crosses the spring launch, randomised apart from it.", AcknowledgesCollisions: true),
        ];
    }

    private static string Metric(string key, string description, string definition)
    {
        string head = $$"""{"key": "{{key}}", "description": {{JsonSerializer.Serialize(description)}}, "tags": ["{{DemoStory.Tag}}"], """;
        return head + definition[1..];
    }

    private static string Segment(string key, string description, string condition) =>
        $$"""{"key": "{{key}}", "description": {{JsonSerializer.Serialize(description)}}, "condition": {{condition}}, "tags": ["{{DemoStory.Tag}}"]}""";

    private static string Experiment(string key, string hypothesis, string extra, string primary)
    {
        string variations = string.Join(", ", DemoWorld.Experiments[key].Select(v =>
            $$"""{"key": "{{v.Variation}}", "weight": {{(1.0 / DemoWorld.Experiments[key].Count).ToString("R", System.Globalization.CultureInfo.InvariantCulture)}}}"""));
        string[] metrics = [DemoMetrics.Retention, DemoMetrics.Conversion, DemoMetrics.Revenue, DemoMetrics.PageLoad, DemoMetrics.AdClicks];
        string references = string.Join(", ", metrics.Select(m => m == primary
            ? $$"""{"key": "{{m}}", "role": "primary"}"""
            : m == DemoMetrics.PageLoad ? $$"""{"key": "{{m}}"}""" : $$"""{"key": "{{m}}", "role": "secondary"}"""));
        return $$"""{"key": "{{key}}", "hypothesis": {{JsonSerializer.Serialize(hypothesis)}}, "variations": [{{variations}}], "status": "running", "metrics": [{{references}}], "tags": ["{{DemoStory.Tag}}"]{{extra}}}""";
    }

    /// <summary>The factorial launch: its features, and no variations (they are the cells).</summary>
    private static string Launch()
    {
        string features = string.Join(", ", DemoLaunch.Features.Select(f => $$"""{"flag": "{{f.Flag}}"}"""));
        return $$"""
            {"key": "{{DemoLaunch.Key}}", "hypothesis": "Smarter search and trust badges, released together on the web, sell more.",
             "factorial": {"features": [{{features}}]}, "status": "running",
             "metrics": [{"key": "{{DemoMetrics.Conversion}}", "role": "primary", "minimumEffect": 0.05}, {"key": "{{DemoMetrics.Revenue}}", "role": "secondary"}, {"key": "{{DemoMetrics.PageLoad}}"}],
             "tags": ["{{DemoStory.Tag}}"]}
            """;
    }

    private static string Rule(string id, string[] segments, string? condition, string experiment) =>
        $$"""{"id": "{{id}}", "segments": [{{string.Join(", ", segments.Select(s => $"\"{s}\""))}}]{{(condition is null ? "" : $", \"condition\": {condition}")}}, "experiment": {"key": {{JsonSerializer.Serialize(experiment)}}""" + "}}";

    private static string Flag(string key, string description, string type, (string Key, string Value)[] variations, string rule)
    {
        string values = string.Join(", ", variations.Select(v => $$"""{"key": "{{v.Key}}", "value": {{v.Value}}}"""));
        string first = variations[0].Key;
        return $$"""
            {"key": "{{key}}", "description": {{JsonSerializer.Serialize(description)}}, "type": "{{type}}", "variations": [{{values}}], "tags": ["{{DemoStory.Tag}}"],
             "environments": {
               "development": {"enabled": true, "offVariation": "{{first}}", "defaultVariation": "{{first}}", "rules": []},
               "production": {"enabled": true, "offVariation": "{{first}}", "defaultVariation": "{{first}}", "rules": [{{rule}}]
            """ + "}}}";
    }

    private static string GuardedFlag(string key, string description)
    {
        const string Stages = """
            [{"percentage": 10, "minDuration": "P2D", "minUnits": 200},
             {"percentage": 25, "minDuration": "P2D", "minUnits": 200},
             {"percentage": 50, "minDuration": "P3D", "minUnits": 200},
             {"percentage": 100, "minDuration": "P3D", "minUnits": 200, "requiresApproval": true}]
            """;
        string rule = $$"""{"id": "{{DemoStory.RolloutRule}}", "condition": {{WebAudience}}, "rollout": {"variation": "on", "percentage": 0, "plan": {"stages": {{Stages}}, "holdback": 5, "metrics": [{"key": {{JsonSerializer.Serialize(DemoMetrics.PageLoad)}}""" + "}]}}}";
        return Flag(key, description, "boolean", [("off", "false"), ("on", "true")], rule);
    }
}
