using System.Net;
using FailSmart.Application.Access;
using FailSmart.Application.Audit;
using FailSmart.Application.Demo;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Application.Rollouts;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using FailSmart.Protocol.Results;
using FailSmart.Server.Demo;
using FailSmart.Server.Sync;
using FailSmart.Storage.Config;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests.Demo;

/// <summary>
/// The demo, generated into a real server, is read back through the results and rollouts as a user would
/// see them: the planted effects are found, the checks fire on the contaminated launch and the harmful
/// rollout and nowhere else, and the same seed writes the same history.
/// </summary>
public sealed class DemoTests(DemoFixture demo) : IClassFixture<DemoFixture>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private async Task<ExperimentResultsResponse> ResultsAsync(string experiment)
    {
        ServiceResult<ExperimentResultsResponse> result = await demo.Server.Services.GetRequiredService<IExperimentResultsService>()
            .GetAsync(new ResultsQuery(experiment), Ct);
        result.Problem.ShouldBeNull();
        return result.Value!;
    }

    [Fact]
    public async Task Planted_effects_of_the_healthy_experiments_fall_inside_their_reported_intervals()
    {
        var checkedEffects = new List<string>();
        var outside = new List<string>();
        foreach (string experiment in DemoStory.HealthyExperiments)
        {
            ExperimentResultsResponse results = await ResultsAsync(experiment);
            foreach (PlantedEffect effect in demo.Summary.PlantedEffects.Where(e => e.Experiment == experiment))
            {
                MetricResultResponse metric = results.Metrics.Single(m => m.Metric == effect.Metric);
                metric.Problem.ShouldBeNull();
                VariationResultResponse variation = metric.Variations.Single(v => v.Key == effect.Variation);
                variation.LiftLower.ShouldNotBeNull($"{experiment}/{effect.Variation}/{effect.Metric} has no interval");
                variation.LiftUpper.ShouldNotBeNull();
                string name = $"{experiment}/{effect.Variation}/{effect.Metric}: planted {effect.RelativeLift:P1}, reported {variation.RelativeLift:P1} [{variation.LiftLower:P1}, {variation.LiftUpper:P1}]";
                checkedEffects.Add(name);
                if (effect.RelativeLift < variation.LiftLower || effect.RelativeLift > variation.LiftUpper)
                {
                    outside.Add(name);
                }
            }
        }

        checkedEffects.Count.ShouldBeGreaterThanOrEqualTo(20);
        outside.Count.ShouldBeLessThanOrEqualTo(checkedEffects.Count / 10, string.Join("\n", outside));
        TestContext.Current.TestOutputHelper?.WriteLine(string.Join("\n", checkedEffects));
    }

    [Fact]
    public async Task Bundled_launch_is_flagged_red_for_depending_on_the_no_ads_trial_and_looks_like_a_win_it_is_not()
    {
        ExperimentResultsResponse results = await ResultsAsync(DemoStory.NewHome);

        ResultWarning dependency = results.Warnings.Single(w => w.Code == ResultWarning.ExperimentDependency);
        dependency.Severity.ShouldBe(ResultWarning.Red);
        dependency.OtherExperiment.ShouldBe(DemoStory.NoAds);
        dependency.Message.ShouldContain("'no-ads'");
        // Planted: -2% retention. Measured: the ad-free trial's +8% rides along, so it looks like a win.
        PlantedEffect planted = demo.Summary.PlantedEffects.Single(e => e.Experiment == DemoStory.NewHome && e.Metric == "retention-d7");
        planted.RelativeLift.ShouldBe(-0.02, 1e-9);
        VariationResultResponse on = results.Metrics.Single(m => m.Metric == "retention-d7").Variations.Single(v => v.Key == "on");
        on.RelativeLift!.Value.ShouldBeGreaterThan(0.02);
        on.Status.ShouldBe(VariationResultResponse.DoNotTrust);
    }

    [Fact]
    public async Task Factorial_launch_says_search_helps_badges_hurt_and_to_ship_them_separately()
    {
        ExperimentResultsResponse results = await ResultsAsync(DemoLaunch.Key);

        results.Warnings.Where(w => w.Severity == ResultWarning.Red).Select(w => w.Message).ShouldBeEmpty();
        results.Factorial!.Features.ShouldBe([DemoLaunch.SmartSearch, DemoLaunch.TrustBadges]);
        results.Factorial.Plan!.Metric.ShouldBe("purchase-conversion");
        FactorialMetricResponse conversion = results.Metrics.Single(m => m.Metric == "purchase-conversion").Factorial!;
        conversion.Recommendation.ShouldBe("ship-separately", conversion.Summary);
        conversion.Helping.ShouldBe([DemoLaunch.SmartSearch]);
        conversion.Hurting.ShouldBe([DemoLaunch.TrustBadges]);

        // Planted: search ×1.15 and badges ×0.87 on the purchase rate, so each main effect is that share of the rate without it.
        FactorialTermResponse search = conversion.MainEffects!.Single(t => t.Name == DemoLaunch.SmartSearch);
        FactorialTermResponse badges = conversion.MainEffects!.Single(t => t.Name == DemoLaunch.TrustBadges);
        (search.Effect.Estimate / conversion.Baseline!.Value).ShouldBeInRange(0.05, 0.30);
        (badges.Effect.Estimate / conversion.Baseline!.Value).ShouldBeInRange(-0.25, -0.03);
        conversion.Cells!.ShouldAllBe(c => c.Units > 1500);
    }

    [Fact]
    public async Task Factorial_launch_cells_in_the_data_are_what_the_launch_flags_evaluate_to_for_every_person()
    {
        RuleSet rules = await demo.Server.Services.GetRequiredService<RuleSetCache>().GetAsync("production", Ct);
        Dictionary<string, int> stored = StoredExposures.Variations(demo.Server.DataPath, "production", DemoLaunch.Key);
        IReadOnlyList<string> cells = FactorialCells.All(DemoLaunch.Features.Count);
        int enrolled = 0;
        foreach (DemoUnit unit in DemoWorld.Population(DemoStory.DefaultSeed))
        {
            var attributes = Attributes.Of(("id", DataValue.FromString(unit.Id)), ("country", DataValue.FromString(unit.Country)), ("platform", DataValue.FromString(unit.Platform)));
            EvaluationResult[] features = [.. DemoLaunch.Features.Select(f => rules.Evaluator.Evaluate(f.Flag, attributes))];
            if (unit.Platform != "web" || unit.Country == "NZ")
            {
                features.ShouldAllBe(f => f.ExperimentKey == null, unit.Id);
                stored.ContainsKey(unit.Id).ShouldBeFalse(unit.Id);
                continue;
            }

            // Every web visitor outside New Zealand came at least once (on the day they arrived), so each has one exposure.
            enrolled++;
            features.ShouldAllBe(f => f.ExperimentKey == DemoLaunch.Key && f.ExposureVariationIndex == features[0].ExposureVariationIndex, unit.Id);
            stored[unit.Id].ShouldBe(features[0].ExposureVariationIndex, unit.Id);
            bool[] on = FactorialCells.Parse(cells[stored[unit.Id]]);
            features.Select(f => f.Value.AsBoolean()).ShouldBe(on, unit.Id);
        }

        stored.Count.ShouldBe(enrolled);
        enrolled.ShouldBeGreaterThan(8_000); // 30% on the web × 88% outside New Zealand of 40,000
    }

    [Fact]
    public async Task New_Zealand_pilot_against_the_launch_markets_names_the_markets_it_cannot_speak_for()
    {
        ServiceResult<RepresentativenessResponse> answer = await demo.Server.Services.GetRequiredService<IRepresentativenessService>()
            .GetAsync(new RepresentativenessQuery(DemoStory.NzCheckout, Population: DemoWorld.MarketsPopulation, Attributes: ["country"]), Ct);

        answer.Problem.ShouldBeNull();
        RepresentativenessResponse pilot = answer.Value!;
        CohortMixResponse country = pilot.Attributes.Single(a => a.Attribute == "country");
        country.Levels.Single(l => l.Level == "NZ").CohortShare.ShouldBe(1);
        country.Levels.Single(l => l.Level == "NZ").TargetShare.ShouldBeInRange(0.08, 0.16); // 12% of the simulated people
        country.PValue.ShouldBeLessThan(1e-6);
        pilot.Effects.ShouldNotBeEmpty();
        pilot.Effects.ShouldAllBe(e => e.UncoveredLevels.Count == 4 && !e.UncoveredLevels.Contains("NZ"));
    }

    [Fact]
    public async Task New_Zealand_pilot_wins_in_its_web_heavy_market_but_reweighted_to_the_launch_markets_it_does_not_and_may_not_carry_over()
    {
        ServiceResult<RepresentativenessResponse> answer = await demo.Server.Services.GetRequiredService<IRepresentativenessService>()
            .GetAsync(new RepresentativenessQuery(DemoStory.NzCheckout, Population: DemoWorld.MarketsPopulation, Attributes: ["platform"], Metrics: ["purchase-conversion"]), Ct);
        answer.Problem.ShouldBeNull();
        ReweightedEffectResponse effect = answer.Value!.Effects.Single(e => e.Metric == "purchase-conversion" && e.Variation == DemoPilot.Treatment);
        CohortMixResponse platform = answer.Value.Attributes.Single(a => a.Attribute == "platform");
        double controlRate = (await ResultsAsync(DemoStory.NzCheckout)).Metrics.Single(m => m.Metric == "purchase-conversion").Variations.Single(v => v.Key == "control").Value!.Value;

        // Planted: one-page sells 30% more on the web and 20% less in the apps. New Zealand is 75% web, the launch markets
        // about a third, so the pilot's effect is +17.5% of the purchase rate and the markets' about -2%.
        double plantedInPilot = DemoPilot.PurchaseLift(DemoPilot.Platforms);
        double plantedInMarkets = DemoPilot.PurchaseLift([.. platform.Levels.Select(l => (l.Level, l.TargetShare))]);
        double plain = effect.Plain.Estimate / controlRate, reweighted = effect.Reweighted.Estimate / controlRate;
        TestContext.Current.TestOutputHelper?.WriteLine(
            $"Pilot: plain {plain:P1} [{effect.Plain.Lower / controlRate:P1}, {effect.Plain.Upper / controlRate:P1}], planted {plantedInPilot:P1}; " +
            $"reweighted {reweighted:P1} [{effect.Reweighted.Lower / controlRate:P1}, {effect.Reweighted.Upper / controlRate:P1}], planted {plantedInMarkets:P1}; " +
            $"Q p = {effect.Heterogeneity.PValue:G3}. {effect.Explanation}");
        plantedInPilot.ShouldBe(0.175, 1e-9);
        plantedInMarkets.ShouldBeInRange(-0.04, 0);
        plain.ShouldBeGreaterThan(0);
        (plantedInPilot * controlRate).ShouldBeInRange(effect.Plain.Lower, effect.Plain.Upper);
        (plantedInMarkets * controlRate).ShouldBeInRange(effect.Reweighted.Lower, effect.Reweighted.Upper);

        // Reweighting moves the effect by (web's cohort share − its market share) × (web's effect − the apps'): about
        // 0.4 × 50 points = 20 points of the purchase rate, with a standard error near 6, so at least 5 points down.
        reweighted.ShouldBeLessThan(plain - 0.05);

        // The warning: the effect differs between platforms and the web holds at least twice its share of the markets.
        effect.CoveredTargetShare.ShouldBe(1);
        effect.DominantLevel.ShouldBe("web");
        effect.Heterogeneity.PValue.ShouldBeLessThan(0.10);
        effect.MayNotCarryOver.ShouldBeTrue();
        effect.Explanation.ShouldContain("may not carry over");
    }

    [Fact]
    public async Task Healthy_experiments_have_no_red_check()
    {
        foreach (string experiment in DemoStory.HealthyExperiments)
        {
            ExperimentResultsResponse results = await ResultsAsync(experiment);
            results.Warnings.Where(w => w.Severity == ResultWarning.Red).Select(w => w.Message).ShouldBeEmpty(experiment);
            results.Variations.ShouldAllBe(v => v.Units > 500, experiment);
        }
    }

    [Fact]
    public async Task Harmful_rollout_rolled_itself_back_and_the_other_is_past_its_first_stage_with_dated_history()
    {
        IRolloutService rollouts = demo.Server.Services.GetRequiredService<IRolloutService>();
        RolloutView video = (await rollouts.GetAsync(new RolloutKey("production", DemoStory.VideoPlayerFlag, DemoStory.RolloutRule), Ct))!;
        RolloutView images = (await rollouts.GetAsync(new RolloutKey("production", DemoStory.FastImagesFlag, DemoStory.RolloutRule), Ct))!;

        video.State.Status.ShouldBe(RolloutStatus.RolledBack);
        video.State.LastReason!.ShouldContain("page-load-time");
        video.History.Select(h => h.Action).ShouldContain("rollout.rollback");
        images.State.Status.ShouldBeOneOf(RolloutStatus.Running, RolloutStatus.AwaitingApproval);
        images.State.StageIndex.ShouldBeGreaterThanOrEqualTo(1);

        // The engine ran on the simulated clock: its moves are dated inside the simulated month, in order.
        AuditEntry[] moves = [.. video.History.Concat(images.History).Where(h => h.Action.StartsWith("rollout.", StringComparison.Ordinal))];
        moves.Length.ShouldBeGreaterThanOrEqualTo(4);
        moves.ShouldAllBe(m => m.At >= demo.Summary.From && m.At <= demo.Summary.To);
        DateTimeOffset rollback = video.History.Single(h => h.Action == "rollout.rollback").At;
        (rollback - demo.Summary.From).TotalDays.ShouldBeInRange(6, 29);
    }

    [Fact]
    public async Task Team_changes_are_audited_at_their_simulated_times_with_the_acknowledged_collision()
    {
        IReadOnlyList<AuditEntry> entries = (await demo.Server.Services.GetRequiredService<IAuditService>()
            .QueryAsync(new AuditQuery(Kind: "flag", Key: DemoStory.NewHome), Ct)).Value!;

        AuditEntry created = entries.Single(e => e.Action == "create");
        created.Reason!.ShouldContain("Acknowledged collisions");
        created.Reason!.ShouldContain(DemoStory.NoAds);
        created.At.ShouldBeLessThan(demo.Summary.From);
        created.At.ShouldBeGreaterThan(demo.Summary.From.AddDays(-1));
    }

    [Fact]
    public void The_same_seed_writes_the_same_history()
    {
        DemoSummary first = demo.Summary, second = demo.SecondSummary;

        second.Exposures.ShouldBe(first.Exposures);
        second.MetricEvents.ShouldBe(first.MetricEvents);
        second.ValueSum.ShouldBe(first.ValueSum);
        second.Checksum.ShouldBe(first.Checksum);
        first.Exposures.ShouldBeGreaterThan(30_000);
        first.MetricEvents.ShouldBeGreaterThan(100_000);
        TestContext.Current.TestOutputHelper?.WriteLine($"Generated in {first.Took.TotalSeconds:0.0} s and {second.Took.TotalSeconds:0.0} s: {first.Exposures} exposures, {first.MetricEvents} events.");
    }

    [Fact]
    public async Task Loading_again_or_as_a_non_admin_is_refused_and_writes_nothing()
    {
        IDemoLoader loader = demo.Server.Services.GetRequiredService<IDemoLoader>();
        var editor = new Caller("Ed <ed@example.com>", "test-editor", CallerRole.Editor);

        ServiceResult<DemoSummary> again = await loader.LoadAsync(DemoFixture.Admin, cancellationToken: Ct);
        ServiceResult<DemoSummary> byEditor = await loader.LoadAsync(editor, cancellationToken: Ct);

        again.Outcome.ShouldBe(ServiceOutcome.Refused);
        again.Problem!.Status.ShouldBe(409);
        again.Problem.Detail.ShouldContain("failsmart demo");
        byEditor.Problem!.Status.ShouldBe(403);
        (await loader.IsDemoLoadedAsync(Ct)).ShouldBeTrue();
        (await loader.IsConfigurationEmptyAsync(Ct)).ShouldBeFalse();
        using HttpClient admin = demo.Server.ClientWithKey();
        (await admin.GetPathAsync("/api/v1/experiments/new-home")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
