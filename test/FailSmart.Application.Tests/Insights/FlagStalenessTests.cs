using System.Globalization;
using FailSmart.Application.Insights;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests.Insights;

/// <summary>Each status a flag can have in an environment, from its usage rows, age and last change.</summary>
public sealed class FlagStalenessTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.Parse("2026-11-26T12:00:00Z", CultureInfo.InvariantCulture);
    private static readonly DateTimeOffset s_old = s_now.AddDays(-120);

    private static FlagUsageDay Day(int daysAgo, string variation, long count, string source = "sdk-dotnet") =>
        new("production", "checkout", variation, DateOnly.FromDateTime(s_now.AddDays(-daysAgo).UtcDateTime), count, s_now.AddDays(-daysAgo), [source]);

    private static FlagInsight Decide(IReadOnlyList<FlagUsageDay> rows, bool usageKnown = true, DateTimeOffset? created = null, DateTimeOffset? changed = null) =>
        FlagStaleness.Decide("checkout", "production", rows, usageKnown, created ?? s_old, changed ?? s_old, s_now, 30);

    [Fact]
    public void Decide_two_variations_served_recently_is_active_with_counts_and_shares()
    {
        FlagInsight insight = Decide([Day(0, "on", 30), Day(3, "off", 10), Day(10, "on", 60), Day(40, "off", 1000)]);

        insight.Status.ShouldBe(FlagUsageStatus.Active);
        (insight.Evaluations7Days, insight.Evaluations30Days).ShouldBe((40L, 100L));
        insight.Variations.ShouldBe([new VariationShare("on", 90, 0.9), new VariationShare("off", 10, 0.1)]);
        insight.LastEvaluated.ShouldBe(s_now);
        insight.SuggestedAction.ShouldBeNull();
    }

    [Fact]
    public void Decide_no_evaluation_in_the_window_while_a_client_reports_is_stale_unused_with_the_last_evaluation()
    {
        FlagInsight insight = Decide([Day(45, "on", 12)]);

        insight.Status.ShouldBe(FlagUsageStatus.StaleUnused);
        (insight.Evaluations7Days, insight.Evaluations30Days).ShouldBe((0L, 0L));
        insight.LastEvaluated.ShouldBe(s_now.AddDays(-45));
        insight.Explanation.ShouldBe("Not evaluated in production in the last 30 days; last evaluated 2026-10-12.");
        insight.SuggestedAction.ShouldBe("Remove the flag: delete its checks from the code, then archive it.");
    }

    [Fact]
    public void Decide_one_variation_to_everyone_and_no_change_in_the_window_is_stale_single_value()
    {
        FlagInsight insight = Decide([Day(1, "on", 500), Day(20, "on", 700)], changed: s_now.AddDays(-31));

        insight.Status.ShouldBe(FlagUsageStatus.StaleSingleValue);
        insight.Variations.ShouldBe([new VariationShare("on", 1200, 1.0)]);
        insight.SuggestedAction.ShouldBe("Make it permanent: replace the flag's checks with the value of 'on' in the code, then archive the flag.");
    }

    [Fact]
    public void Decide_one_variation_but_a_change_in_the_window_is_active()
    {
        Decide([Day(1, "on", 500)], changed: s_now.AddDays(-5)).Status.ShouldBe(FlagUsageStatus.Active);
    }

    [Fact]
    public void Decide_with_no_reporting_client_is_usage_unknown_and_never_says_not_evaluated()
    {
        FlagInsight insight = Decide([], usageKnown: false);

        insight.Status.ShouldBe(FlagUsageStatus.UsageUnknown);
        insight.Explanation.ShouldStartWith("Usage unknown: no client that reports evaluations");
        insight.Explanation.ShouldNotContain("Not evaluated");
        insight.SuggestedAction.ShouldBeNull();
    }

    [Fact]
    public void Decide_created_within_the_window_is_new_even_without_evaluations()
    {
        FlagInsight insight = Decide([], created: s_now.AddDays(-3), changed: s_now.AddDays(-3));

        insight.Status.ShouldBe(FlagUsageStatus.New);
        insight.SuggestedAction.ShouldBeNull();
    }
}
