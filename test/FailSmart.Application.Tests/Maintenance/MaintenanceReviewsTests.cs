using System.Globalization;
using FailSmart.Application.Features;
using FailSmart.Application.Maintenance;

namespace FailSmart.Application.Tests.Maintenance;

/// <summary>The maintenance review's verdicts, effort sums and order, on plain values.</summary>
public sealed class MaintenanceReviewsTests
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.Parse("2026-12-07T12:00:00Z", CultureInfo.InvariantCulture);

    private static Feature Maintained(string key, double? costPerDay = null, params string[] flags) =>
        new(key, "Feature " + key, "team-" + key, "A problem", null, FeaturePhase.Maintain,
            [.. flags.Select(f => new FeatureLink(FeatureLinkKind.Flag, f))], new FeatureValue(null, costPerDay is null ? null : "EUR", costPerDay),
            3, false, "Ada", s_now.AddDays(-400), s_now.AddDays(-100));

    private static FlagUse Use(string flag, string environment, string status, long evaluations) =>
        new(flag, environment, status, evaluations, evaluations > 0 ? s_now.AddDays(-1) : null, status.StartsWith("stale", StringComparison.Ordinal) ? "Remove it" : null);

    [Fact]
    public void A_feature_whose_flags_nobody_evaluates_comes_first_to_be_cleaned_up()
    {
        MaintenanceInput unused = new(Maintained("old-search", null, "old-search-v1"), s_now.AddDays(-200), []);
        MaintenanceInput used = new(Maintained("reorder", null, "one-click"), s_now.AddDays(-90), []);

        MaintenanceReview review = MaintenanceReviews.Build([used, unused],
            [Use("old-search-v1", "production", "stale-unused", 0), Use("old-search-v1", "staging", "stale-unused", 0), Use("one-click", "production", "active", 18_204)], s_now);

        review.Features.Select(f => (f.Key, f.Verdict)).ShouldBe([("old-search", "clean-up"), ("reorder", "keep")]);
        MaintainedFlag flag = review.Features[0].Flags.ShouldHaveSingleItem();
        (flag.Key, flag.Status, flag.Evaluations30Days, flag.SuggestedAction).ShouldBe(("old-search-v1", "stale-unused", 0L, "Remove it"));
        review.Features[0].Reasons[0].ShouldStartWith("No flag of it is evaluated any more (old-search-v1)");
        review.Features[1].Reasons[0].ShouldBe("In use: 18,204 evaluations in the last 30 days.");
    }

    [Fact]
    public void A_flag_used_in_one_environment_is_used_and_one_value_to_everyone_asks_to_make_it_permanent()
    {
        MaintenanceInput mixed = new(Maintained("a", null, "a-flag"), s_now.AddDays(-30), []);
        MaintenanceInput single = new(Maintained("b", null, "b-flag"), s_now.AddDays(-30), []);

        MaintenanceReview review = MaintenanceReviews.Build([mixed, single],
            [Use("a-flag", "production", "active", 10), Use("a-flag", "staging", "stale-unused", 0), Use("b-flag", "production", "stale-single-value", 500)], s_now);

        MaintainedFeature a = review.Features.Single(f => f.Key == "a");
        MaintainedFeature b = review.Features.Single(f => f.Key == "b");
        (a.Flags[0].Status, a.Flags[0].Evaluations30Days, a.Verdict).ShouldBe(("active", 10L, "keep"));
        (b.Flags[0].Status, b.Verdict).ShouldBe(("stale-single-value", "clean-up"));
        b.Reasons[0].ShouldStartWith("Its flags serve one value to everyone (b-flag)");
    }

    [Fact]
    public void Effort_since_Maintain_and_in_recent_weeks_is_summed_and_priced_only_when_every_week_has_a_cost()
    {
        Efforts(out List<Effort> efforts);
        MaintenanceInput priced = new(Maintained("priced", 600, "p"), s_now.AddDays(-60), efforts);
        MaintenanceInput unpriced = new(Maintained("unpriced", null, "u"), s_now.AddDays(-60), efforts);

        MaintenanceReview review = MaintenanceReviews.Build([priced, unpriced], [Use("p", "production", "active", 5), Use("u", "production", "active", 5)], s_now, recentWeeks: 4);

        MaintainedFeature p = review.Features.Single(f => f.Key == "priced");
        MaintainedFeature u = review.Features.Single(f => f.Key == "unpriced");
        // Since 2026-10-08 (its week starts 2026-10-05): 1 + 0.5 + 2; recent (after 2026-11-09): 0.5 + 2.
        (p.PersonDaysSinceMaintain, p.PersonDaysRecent, p.CostSinceMaintain, p.Currency).ShouldBe((3.5, 2.5, 3.5 * 600, "EUR"));
        (u.PersonDaysSinceMaintain, u.CostSinceMaintain, u.Currency).ShouldBe((3.5, (double?)null, (string?)null));
        // 2.5 person-days in 4 weeks is more than a quarter day a week: worth a look.
        (p.Verdict, p.Reasons[^1]).ShouldBe(("review", "It took 2.5 person-days in the last 4 weeks, with no new work planned: is it worth what it costs?"));

        static void Efforts(out List<Effort> efforts) => efforts =
        [
            new(new DateOnly(2026, 9, 28), 4, null),
            new(new DateOnly(2026, 10, 5), 1, null),
            new(new DateOnly(2026, 11, 16), 0.5, null),
            new(new DateOnly(2026, 11, 30), 2, null),
        ];
    }

    [Fact]
    public void Features_with_no_flags_or_unseen_usage_ask_for_a_review_and_other_phases_are_left_out()
    {
        MaintenanceInput noFlags = new(Maintained("no-flags"), null, []);
        MaintenanceInput unknown = new(Maintained("unknown", null, "js-only"), s_now.AddDays(-10), []);
        MaintenanceInput building = new(Maintained("building", null, "x") with { Phase = FeaturePhase.Build }, null, []);
        MaintenanceInput archived = new(Maintained("archived", null, "y") with { Archived = true }, null, []);

        MaintenanceReview review = MaintenanceReviews.Build([noFlags, unknown, building, archived], [Use("js-only", "production", "usage-unknown", 0)], s_now);

        review.Features.Select(f => (f.Key, f.Verdict)).ShouldBe([("no-flags", "review"), ("unknown", "review")]);
        review.Features[0].Reasons[0].ShouldBe("No flag is linked to it, so its usage cannot be seen: link its flags.");
        review.Features[0].InMaintainSince.ShouldBe(s_now.AddDays(-100));
        review.Features[1].Reasons[0].ShouldBe("No client that reports evaluations reads its flags, so its usage cannot be seen.");
        review.Features[1].Reasons[^1].ShouldStartWith("No effort recorded since it entered Maintain");
    }

    [Fact]
    public void A_linked_flag_that_is_no_longer_live_counts_as_gone()
    {
        MaintenanceReview review = MaintenanceReviews.Build([new(Maintained("gone", null, "archived-flag"), s_now.AddDays(-5), [])], [], s_now);

        MaintainedFeature feature = review.Features.ShouldHaveSingleItem();
        (feature.Flags[0].Status, feature.Verdict).ShouldBe(("not-live", "clean-up"));
    }
}
