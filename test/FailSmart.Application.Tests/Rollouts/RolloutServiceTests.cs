using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Application.Rollouts;
using FailSmart.Core.Model;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests.Rollouts;

public sealed class RolloutServiceTests : IDisposable
{
    private static readonly Caller s_editor = new("Grace", "account-grace", CallerRole.Editor, ["production"], Reason: "Checkout errors rose");

    private readonly RolloutTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _bed.Dispose();

    private async Task StartAsync(RolloutPlan? plan = null)
    {
        await _bed.SeedFlagAsync(plan ?? RolloutTestBed.Plan());
        await _bed.Engine.LookAsync(Ct);
    }

    private async Task<RolloutState> StateAsync() => (await _bed.Store.GetRolloutAsync(RolloutTestBed.Key, Ct)).ShouldNotBeNull();

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    public async Task RunAsync_without_a_reason_is_refused_naming_the_field_and_changes_nothing(string? reason)
    {
        await StartAsync();
        long revision = await _bed.Store.GetRevisionAsync(Ct);

        ServiceResult<RolloutView> result = await _bed.Rollouts.RunAsync(s_editor with { Reason = reason }, RolloutTestBed.Key, RolloutCommand.Pause, Ct);

        ServiceProblem problem = result.Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(400);
        problem.For("reason").ShouldNotBeNull().Hint.ShouldNotBeNull().ShouldContain("\"reason\"");
        (await StateAsync()).Status.ShouldBe(RolloutStatus.Running);
        (await _bed.Store.GetRevisionAsync(Ct)).ShouldBe(revision);
    }

    [Fact]
    public async Task RunAsync_viewer_or_editor_of_another_environment_is_forbidden()
    {
        await StartAsync();

        ServiceResult<RolloutView> viewer = await _bed.Rollouts.RunAsync(s_editor with { Role = CallerRole.Viewer }, RolloutTestBed.Key, RolloutCommand.RollBack, Ct);
        ServiceResult<RolloutView> staging = await _bed.Rollouts.RunAsync(s_editor with { Environments = ["staging"] }, RolloutTestBed.Key, RolloutCommand.RollBack, Ct);

        viewer.Problem.ShouldNotBeNull().Status.ShouldBe(403);
        staging.Problem.ShouldNotBeNull().Detail.ShouldContain("'production'");
        (await StateAsync()).Status.ShouldBe(RolloutStatus.Running);
    }

    [Fact]
    public async Task RunAsync_unknown_rollout_is_not_found()
    {
        await StartAsync();

        ServiceResult<RolloutView> result = await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key with { Rule = "other" }, RolloutCommand.Pause, Ct);

        result.Problem.ShouldNotBeNull().Status.ShouldBe(404);
        result.Problem.Detail.ShouldContain("production/checkout/other");
    }

    [Fact]
    public async Task RunAsync_resume_of_a_running_rollout_is_a_conflict_that_says_when_resume_applies()
    {
        await StartAsync();

        ServiceResult<RolloutView> result = await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.Resume, Ct);

        ServiceProblem problem = result.Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(409);
        problem.Detail.ShouldBe("The rollout production/checkout/ramp is running; resume applies only when it is paused.");
    }

    [Fact]
    public async Task RunAsync_pause_then_resume_audits_both_with_the_reasons_and_restarts_the_stage_clock()
    {
        await StartAsync();
        _bed.Clock.Advance(TimeSpan.FromHours(5));

        ServiceResult<RolloutView> paused = await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.Pause, Ct);
        ServiceResult<RolloutView> resumed = await _bed.Rollouts.RunAsync(s_editor with { Reason = "Fixed in 2.3.1" }, RolloutTestBed.Key, RolloutCommand.Resume, Ct);

        paused.Value.ShouldNotBeNull().State.Status.ShouldBe(RolloutStatus.Paused);
        RolloutView view = resumed.Value.ShouldNotBeNull();
        (view.State.Status, view.State.StageStartedAt).ShouldBe((RolloutStatus.Running, _bed.Clock.GetUtcNow()));
        view.History.Select(e => (e.Action, e.Actor, e.Reason)).ShouldBe(
        [
            ("rollout.start", "rollout-engine", "ramp: Stage 1 of 3 (1%) begins."),
            ("rollout.pause", "Grace", "ramp: Checkout errors rose"),
            ("rollout.resume", "Grace", "ramp: Fixed in 2.3.1"),
        ]);
        view.Allowed.ShouldBe([RolloutCommand.Pause, RolloutCommand.Skip, RolloutCommand.RollBack, RolloutCommand.Approve]);
    }

    [Fact]
    public async Task RunAsync_skip_enters_the_next_stage_and_at_the_last_stage_is_refused()
    {
        await StartAsync();

        RolloutView first = (await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.Skip, Ct)).Value.ShouldNotBeNull();
        await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.Skip, Ct);
        ServiceResult<RolloutView> past = await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.Skip, Ct);

        (first.State.StageIndex, first.State.Phase, first.ServedFraction).ShouldBe((1, 2, (double?)0.05));
        first.Stages.Select(s => s.EnteredAt is not null).ShouldBe([true, true, false]);
        past.Problem.ShouldNotBeNull().Status.ShouldBe(409);
        past.Problem.Detail.ShouldContain("last stage");
        (await StateAsync()).StageIndex.ShouldBe(2);
        (await _bed.ServedAsync()).Stage.Fraction.ShouldBe(1);
    }

    [Fact]
    public async Task RunAsync_rollback_by_a_person_serves_nobody_and_cannot_be_resumed()
    {
        await StartAsync();

        ServiceResult<RolloutView> rolledBack = await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.RollBack, Ct);
        ServiceResult<RolloutView> resumed = await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.Resume, Ct);

        rolledBack.Value.ShouldNotBeNull().ServedFraction.ShouldBe(0);
        rolledBack.Value.Allowed.ShouldBeEmpty();
        resumed.Problem.ShouldNotBeNull().Status.ShouldBe(409);
        AuditEntry entry = (await _bed.RolloutAuditAsync())[^1];
        (entry.Action, entry.Actor).ShouldBe(("rollout.rollback", "Grace"));
    }

    [Fact]
    public async Task RunAsync_end_holdback_after_completion_removes_the_plan_and_serves_everyone()
    {
        await StartAsync();
        ServiceResult<RolloutView> early = await _bed.Rollouts.RunAsync(s_editor, RolloutTestBed.Key, RolloutCommand.EndHoldback, Ct);
        _bed.Policy.Default = RolloutMove.Advance;
        for (int look = 0; look < 3; look++)
        {
            await _bed.Engine.LookAsync(Ct);
        }

        ServiceResult<RolloutView> ended = await _bed.Rollouts.RunAsync(s_editor with { Reason = "Long-term effect measured" }, RolloutTestBed.Key, RolloutCommand.EndHoldback, Ct);

        early.Problem.ShouldNotBeNull().Detail.ShouldContain("end-holdback applies only when it is completed");
        RolloutView view = ended.Value.ShouldNotBeNull();
        view.State.Status.ShouldBe(RolloutStatus.HoldbackEnded);
        view.Plan.ShouldBeNull();
        RolloutAction served = await _bed.ServedAsync();
        (served.Plan, served.Stage.Fraction).ShouldBe(((RolloutPlan?)null, 1.0));
        (await _bed.Engine.LookAsync(Ct)).Rollouts.ShouldBe(0); // no longer guarded
    }

    [Fact]
    public async Task ListAsync_filters_by_environment_and_status()
    {
        await StartAsync();

        (await _bed.Rollouts.ListAsync(cancellationToken: Ct)).ShouldHaveSingleItem().StageFraction.ShouldBe(0.01);
        (await _bed.Rollouts.ListAsync("production", RolloutStatus.Running, Ct)).Count.ShouldBe(1);
        (await _bed.Rollouts.ListAsync("staging", cancellationToken: Ct)).ShouldBeEmpty();
        (await _bed.Rollouts.ListAsync(status: RolloutStatus.Paused, cancellationToken: Ct)).ShouldBeEmpty();
    }
}
