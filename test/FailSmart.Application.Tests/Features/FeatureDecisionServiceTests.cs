using System.Globalization;
using System.Text.Json.Nodes;
using FailSmart.Application.Access;
using FailSmart.Application.Features;
using FailSmart.Application.Problems;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Results;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests.Features;

public sealed class FeatureDecisionServiceTests : IDisposable
{
    private static readonly Caller s_editor = new("grace@example.com", "account-grace", CallerRole.Editor);
    private static readonly Caller s_admin = new("ada@example.com", "account-ada", CallerRole.Admin);
    private static readonly Caller s_viewer = new("vic@example.com", "account-vic", CallerRole.Viewer);

    private readonly FeatureTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _bed.Dispose();

    private static FeatureInput Input(string? metric = null, IReadOnlyList<FeatureLinkInput?>? links = null) => new(
        "delivery-dates", "Delivery dates", "team-checkout", "Shoppers abandon checkout when they cannot see when an order arrives.",
        new HypothesisInput("Showing delivery dates raises conversion", metric, metric is null ? null : 0.02), links);

    private async Task<Feature> CreateAsync(string? metric = null, IReadOnlyList<FeatureLinkInput?>? links = null)
    {
        await SeedAsync(ResourceKind.Metric, """{"key":"conversion"}""");
        return (await _bed.Features.CreateAsync(s_editor, Input(metric, links), Ct)).Value.ShouldNotBeNull();
    }

    private async Task SeedAsync(ResourceKind kind, string document)
    {
        if (await _bed.Store.GetAsync(kind, JsonNode.Parse(document)!["key"]!.GetValue<string>(), Ct) is null)
        {
            (await _bed.Store.CreateAsync(new ResourceWrite(kind, JsonNode.Parse(document)!["key"]!.GetValue<string>(), document, [], null, "ada@example.com"), Ct))
                .Status.ShouldBe(WriteStatus.Committed);
        }
    }

    private Task<ServiceResult<FeatureDecision>> DecideAsync(Caller caller, string decision, FeatureEvidenceInput? evidence = null, string? overriding = null, long? version = null) =>
        _bed.Features.DecideAsync(caller, "delivery-dates", new FeatureDecisionInput(decision, $"Because we learnt something ({decision})", evidence, overriding), version, Ct);

    private async Task<Feature> FeatureAsync() => (await _bed.Features.GetAsync("delivery-dates", Ct)).Value.ShouldNotBeNull();

    private async Task<IReadOnlyList<FeatureDecision>> DecisionsAsync() => (await _bed.Features.DecisionsAsync("delivery-dates", Ct)).Value.ShouldNotBeNull();

    private static ExperimentResultsResponse Results(string verdict, string reason, DateTimeOffset at) => new(
        "dates-test", "production", 1, at, [new VariationUnitsResponse(0, "control", 0.5, 500), new VariationUnitsResponse(1, "dates", 0.5, 510)], 0, [], [], [],
        Verdict: new ExperimentVerdictResponse(verdict, reason, "dates", null, 1000), ComputedAt: at);

    [Fact]
    public async Task A_viewer_may_not_create_change_or_decide_and_nothing_is_written()
    {
        await CreateAsync();
        long revision = await _bed.Store.GetRevisionAsync(Ct);

        ServiceResult<Feature> created = await _bed.Features.CreateAsync(s_viewer, Input() with { Key = "other" }, Ct);
        ServiceResult<Feature> updated = await _bed.Features.UpdateAsync(s_viewer, "delivery-dates", Input(), null, Ct);
        ServiceResult<FeatureDecision> decided = await DecideAsync(s_viewer, "advance");

        (created.Problem?.Status, updated.Problem?.Status, decided.Problem?.Status).ShouldBe((403, 403, 403));
        decided.Problem!.Detail.ShouldContain("ask an editor or an administrator");
        (await _bed.Store.GetRevisionAsync(Ct)).ShouldBe(revision);
        (await FeatureAsync()).Phase.ShouldBe(FeaturePhase.Think);
        (await DecisionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task Ship_is_refused_until_the_hypothesis_names_a_metric_and_the_refusal_changes_nothing()
    {
        await CreateAsync();
        (await DecideAsync(s_editor, "advance")).Outcome.ShouldBe(ServiceOutcome.Created);
        Feature building = await FeatureAsync();

        ServiceResult<FeatureDecision> refused = await DecideAsync(s_editor, "advance");

        ServiceProblem problem = refused.Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(409);
        problem.Title.ShouldBe("A gate refuses entering Ship.");
        FieldProblem field = problem.For("$.decision").ShouldNotBeNull();
        field.Message.ShouldBe("Gate hypothesis-metric: Entering Ship needs a hypothesis with a metric, and 'delivery-dates' has none.");
        Feature after = await FeatureAsync();
        (after.Phase, after.Version, after.UpdatedAt).ShouldBe((building.Phase, building.Version, building.UpdatedAt));
        (await DecisionsAsync()).Count.ShouldBe(1);

        (await _bed.Features.UpdateAsync(s_editor, "delivery-dates", Input("conversion"), null, Ct)).Outcome.ShouldBe(ServiceOutcome.Changed);
        FeatureDecision shipped = (await DecideAsync(s_editor, "advance")).Value.ShouldNotBeNull();

        (shipped.From, shipped.To, shipped.Evidence.Override).ShouldBe((FeaturePhase.Build, FeaturePhase.Ship, (GateOverride?)null));
        (await FeatureAsync()).Phase.ShouldBe(FeaturePhase.Ship);
    }

    [Fact]
    public async Task Tweak_opens_for_a_linked_running_experiment_and_freezes_its_results_as_they_were()
    {
        await SeedAsync(ResourceKind.Experiment, """{"key":"dates-test","status":"running"}""");
        await CreateAsync("conversion", [new FeatureLinkInput("experiment", "dates-test")]);
        await DecideAsync(s_editor, "advance");
        await DecideAsync(s_editor, "advance");
        DateTimeOffset computed = DateTimeOffset.Parse("2026-05-30T12:00:00Z", CultureInfo.InvariantCulture);
        _bed.Results.ByExperiment["dates-test"] = Results("ship", "Conversion rose by 2.4%.", computed);

        FeatureDecision decision = (await DecideAsync(s_editor, "advance", new FeatureEvidenceInput(
            [new ExperimentEvidenceInput("dates-test")], Notes: ["Support tickets fell."], Links: ["https://wiki.example.com/dates"]))).Value.ShouldNotBeNull();
        _bed.Results.ByExperiment["dates-test"] = Results("do-not-ship", "Re-analysed: no effect.", computed.AddDays(3));

        decision.To.ShouldBe(FeaturePhase.Tweak);
        IReadOnlyList<FeatureDecision> decisions = await DecisionsAsync();
        FeatureDecision stored = decisions[^1];
        ExperimentEvidence frozen = stored.Evidence.Experiments.ShouldHaveSingleItem();
        (frozen.Key, frozen.Verdict, frozen.VerdictReason, frozen.ComputedAt).ShouldBe(("dates-test", "ship", "Conversion rose by 2.4%.", (DateTimeOffset?)computed));
        frozen.Results.GetProperty("verdict").GetProperty("decision").GetString().ShouldBe("ship");
        frozen.Results.GetProperty("variations")[1].GetProperty("units").GetInt64().ShouldBe(510);
        FeatureDecisionDocuments.ReadResults(frozen.Results).ShouldNotBeNull().Verdict!.Reason.ShouldBe("Conversion rose by 2.4%.");
        stored.Evidence.Notes.ShouldBe(["Support tickets fell."]);
        stored.Evidence.Links.ShouldBe(["https://wiki.example.com/dates"]);
        stored.Evidence.FrozenAt.ShouldBe(_bed.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Tweak_opens_for_a_linked_flag_with_a_guarded_rollout_under_way()
    {
        await SeedGuardedFlagAsync();
        await CreateAsync("conversion", [new FeatureLinkInput("flag", "checkout")]);
        await DecideAsync(s_editor, "advance");
        await DecideAsync(s_editor, "advance");

        ServiceResult<FeatureDecision> before = await DecideAsync(s_editor, "advance");
        await _bed.Engine.LookAsync(Ct);
        ServiceResult<FeatureDecision> after = await DecideAsync(s_editor, "advance",
            new FeatureEvidenceInput(Rollouts: [new RolloutEvidenceInput("checkout", "production")]));

        before.Problem.ShouldNotBeNull().Detail.ShouldContain("Link a running experiment or a guarded rollout");
        FeatureDecision decision = after.Value.ShouldNotBeNull();
        RolloutEvidence rollout = decision.Evidence.Rollouts.ShouldHaveSingleItem();
        (rollout.Flag, rollout.Environment, rollout.Rule, rollout.Status, rollout.Stage, rollout.Fraction).ShouldBe(("checkout", "production", "ramp", "running", 1, (double?)0.01));
    }

    [Fact]
    public async Task Only_an_administrator_overrides_a_gate_and_the_override_is_recorded()
    {
        await CreateAsync();
        await DecideAsync(s_editor, "advance");

        ServiceResult<FeatureDecision> editor = await DecideAsync(s_editor, "advance", overriding: "Launch week");
        FeatureDecision admin = (await DecideAsync(s_admin, "advance", overriding: "Launch week")).Value.ShouldNotBeNull();

        editor.Problem.ShouldNotBeNull().Status.ShouldBe(403);
        admin.Evidence.Override.ShouldNotBeNull().ShouldBe(new GateOverride(["hypothesis-metric"], "Launch week", "ada@example.com"), new GateOverrideComparer());
        (await FeatureAsync()).Phase.ShouldBe(FeaturePhase.Ship);
    }

    [Fact]
    public async Task Stopped_is_final_until_an_administrator_restarts_it_in_the_phase_it_was_stopped_in()
    {
        await CreateAsync();
        await DecideAsync(s_editor, "advance");
        (await DecideAsync(s_editor, "stop")).Value.ShouldNotBeNull().To.ShouldBe(FeaturePhase.Stopped);

        ServiceResult<FeatureDecision> advance = await DecideAsync(s_editor, "advance");
        ServiceResult<FeatureDecision> editorRestart = await DecideAsync(s_editor, "restart");
        FeatureDecision restarted = (await DecideAsync(s_admin, "restart")).Value.ShouldNotBeNull();

        advance.Problem.ShouldNotBeNull().Status.ShouldBe(409);
        advance.Problem.Detail.ShouldContain("An administrator may restart it");
        editorRestart.Problem.ShouldNotBeNull().Status.ShouldBe(403);
        (restarted.From, restarted.To).ShouldBe((FeaturePhase.Stopped, FeaturePhase.Build));
        (await DecisionsAsync()).Select(d => d.Decision).ShouldBe([FeatureDecisionKind.Advance, FeatureDecisionKind.Stop, FeatureDecisionKind.Restart]);
    }

    [Fact]
    public async Task A_bad_decision_names_every_field_and_records_nothing()
    {
        await CreateAsync();
        long revision = await _bed.Store.GetRevisionAsync(Ct);

        ServiceResult<FeatureDecision> result = await _bed.Features.DecideAsync(s_editor, "delivery-dates", new FeatureDecisionInput(
            "leap", new string('x', 2_001), new FeatureEvidenceInput([new ExperimentEvidenceInput("missing")], [new RolloutEvidenceInput("checkout", null)], [" "], ["ftp://x"])),
            null, Ct);

        ServiceProblem problem = result.Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(400);
        problem.Errors.Select(e => e.Path).ShouldBe(
            ["$.decision", "$.reason", "$.evidence.notes[0]", "$.evidence.links[0]", "$.evidence.experiments[0].key", "$.evidence.rollouts[0]"], ignoreOrder: true);
        problem.For("$.reason")!.Message.ShouldBe("reason has 2001 characters, more than 2000.");
        (await _bed.Store.GetRevisionAsync(Ct)).ShouldBe(revision);
        (await DecisionsAsync()).ShouldBeEmpty();
    }

    [Fact]
    public async Task A_stale_version_is_refused_and_a_missing_feature_is_not_found()
    {
        Feature feature = await CreateAsync();

        ServiceResult<FeatureDecision> stale = await DecideAsync(s_editor, "iterate", version: feature.Version + 1);
        ServiceResult<FeatureDecision> missing = await _bed.Features.DecideAsync(s_editor, "nope", new FeatureDecisionInput("iterate", "r"), null, Ct);

        (stale.Problem?.Status, missing.Problem?.Status).ShouldBe((412, 404));
        (await DecisionsAsync()).ShouldBeEmpty();
        (await DecideAsync(s_editor, "iterate", version: feature.Version)).Value.ShouldNotBeNull().To.ShouldBe(FeaturePhase.Think);
    }

    private async Task SeedGuardedFlagAsync()
    {
        var plan = new RolloutPlan([new RolloutPlanStage(0.01), new RolloutPlanStage(1)]);
        var rule = new Rule("ramp", Condition.Always, new RolloutAction("on", new RolloutStage(0)) { Plan = plan });
        var flag = new Flag("checkout", FlagValueType.Boolean, [new FlagVariation("off", DataValue.False), new FlagVariation("on", DataValue.True)],
            new Dictionary<string, FlagEnvironment>(StringComparer.Ordinal) { ["production"] = new(true, [rule], "off", "off") });
        await SeedAsync(ResourceKind.Flag, JsonNode.Parse(ConfigDocument.Serialize(new Core.Model.Configuration { Flags = [flag] }))!["flags"]![0]!.ToJsonString());
    }

    private sealed class GateOverrideComparer : IEqualityComparer<GateOverride>
    {
        public bool Equals(GateOverride? x, GateOverride? y) =>
            x is not null && y is not null && x.Gates.SequenceEqual(y.Gates) && x.Reason == y.Reason && x.By == y.By;

        public int GetHashCode(GateOverride obj) => obj.Reason.GetHashCode(StringComparison.Ordinal);
    }
}
