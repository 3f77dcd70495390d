using FailSmart.Application.Access;
using FailSmart.Application.Features;
using FailSmart.Application.Investment;
using FailSmart.Application.Problems;
using FailSmart.Application.Results;
using FailSmart.Protocol.Results;
using FailSmart.Storage.Sqlite;

namespace FailSmart.Application.Tests.Investment;

public sealed class InvestmentServiceTests : IDisposable
{
    private static readonly Caller s_editor = new("Grace", "account-grace", CallerRole.Editor);

    private const string Ledger = """
        feature,week,phase,person_days,cost_per_person_day,note
        delivery-dates,2026-W14,think,2,,Interviews
        delivery-dates,2026-04-08,build,4.5,650,"API, page"
        one-click,2026-W15,,1.25,,
        """;

    private readonly Features.FeatureTestBed _bed = new();
    private readonly SqliteConfigStore _store;
    private readonly IFeatureService _features;
    private readonly InvestmentService _investment;

    public InvestmentServiceTests()
    {
        _store = _bed.Store;
        _features = _bed.Features;
        _investment = new InvestmentService(_store, _features, _store, new NoResults(), TimeProvider.System);
    }

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose()
    {
        _bed.Dispose();
    }

    private async Task CreateFeaturesAsync()
    {
        (await _features.CreateAsync(s_editor, new FeatureInput("delivery-dates", "Delivery dates", "team-checkout", "Shoppers cannot see when it arrives"), Ct)).Succeeded.ShouldBeTrue();
        (await _features.CreateAsync(s_editor, new FeatureInput("one-click", "One-click reorder", "team-checkout", "Reordering takes too long"), Ct)).Succeeded.ShouldBeTrue();
    }

    [Fact]
    public async Task ImportAsync_the_same_file_twice_changes_nothing_the_second_time()
    {
        await CreateFeaturesAsync();

        ServiceResult<LedgerImportResult> first = await _investment.ImportAsync(s_editor, Ledger, dryRun: false, Ct);
        long revision = await _store.GetRevisionAsync(Ct);
        ServiceResult<LedgerImportResult> second = await _investment.ImportAsync(s_editor, Ledger, dryRun: false, Ct);

        first.Value.ShouldBe(new LedgerImportResult(3, 3, 0, 0, false));
        (second.Outcome, second.Value).ShouldBe((ServiceOutcome.Unchanged, new LedgerImportResult(3, 0, 0, 3, false)));
        (await _store.GetRevisionAsync(Ct)).ShouldBe(revision);
        IReadOnlyList<LedgerEntry> entries = (await _investment.ListLedgerAsync("delivery-dates", Ct)).Value.ShouldNotBeNull();
        entries.Select(e => (e.Week, e.Phase, e.PersonDays, e.CostPerPersonDay, e.Note)).ShouldBe(
        [
            (new DateOnly(2026, 3, 30), FeaturePhase.Think, 2.0, (double?)null, (string?)"Interviews"),
            (new DateOnly(2026, 4, 6), FeaturePhase.Build, 4.5, (double?)650.0, (string?)"API, page"),
        ]);
        // An empty phase takes the feature's phase now.
        (await _investment.ListLedgerAsync("one-click", Ct)).Value.ShouldNotBeNull().Single().Phase.ShouldBe(FeaturePhase.Think);
    }

    [Fact]
    public async Task ImportAsync_with_bad_rows_names_each_by_line_and_writes_nothing()
    {
        await CreateFeaturesAsync();
        const string bad = """
            feature,week,phase,person_days
            delivery-dates,2026-W14,think,2
            delivery-dates,2026-W99,build,0.3
            missing,2026-W14,think,abc
            delivery-dates,2026-03-31,think,1
            delivery-dates,2026-W16,stopped,
            """;

        ServiceResult<LedgerImportResult> result = await _investment.ImportAsync(s_editor, bad, dryRun: false, Ct);

        ServiceProblem problem = result.Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(400);
        problem.Errors.Select(e => e.Path).ShouldBe(
        [
            "$.rows[3].week", "$.rows[3].person_days",
            "$.rows[4].feature", "$.rows[4].person_days",
            "$.rows[5].week",
            "$.rows[6].phase", "$.rows[6].person_days",
        ]);
        problem.For("$.rows[5].week")!.Message.ShouldBe("Line 2 has the same feature, week (2026-W14) and phase (think).");
        problem.Errors.ShouldAllBe(e => !string.IsNullOrWhiteSpace(e.Hint));
        (await _store.ListLedgerEntriesAsync(null, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task ImportAsync_dry_run_counts_what_would_change_and_writes_nothing()
    {
        await CreateFeaturesAsync();
        await _investment.ImportAsync(s_editor, Ledger, dryRun: false, Ct);
        long revision = await _store.GetRevisionAsync(Ct);

        ServiceResult<LedgerImportResult> dry = await _investment.ImportAsync(
            s_editor, Ledger.Replace("2026-W14,think,2,", "2026-W14,think,3,", StringComparison.Ordinal) + "\ndelivery-dates,2026-W17,ship,1,,", dryRun: true, Ct);

        dry.Value.ShouldBe(new LedgerImportResult(4, 1, 1, 2, true));
        (await _store.GetRevisionAsync(Ct)).ShouldBe(revision);
        (await _store.ListLedgerEntriesAsync(null, Ct)).Count.ShouldBe(3);
    }

    [Fact]
    public async Task WriteEntryAsync_from_a_viewer_is_refused_and_a_bad_entry_names_its_fields()
    {
        await CreateFeaturesAsync();

        ServiceResult<LedgerEntry> viewer = await _investment.WriteEntryAsync(
            s_editor with { Role = CallerRole.Viewer }, "delivery-dates", new LedgerEntryInput("2026-W14", "build", 1), Ct);
        ServiceResult<LedgerEntry> bad = await _investment.WriteEntryAsync(
            s_editor, "delivery-dates", new LedgerEntryInput("last week", "design", 351, -1, new string('x', 501)), Ct);
        ServiceResult<LedgerEntry> missing = await _investment.WriteEntryAsync(s_editor, "nope", new LedgerEntryInput("2026-W14", "build", 1), Ct);

        viewer.Problem.ShouldNotBeNull().Status.ShouldBe(403);
        bad.Problem.ShouldNotBeNull().Errors.Select(e => e.Path).ShouldBe(["$.week", "$.phase", "$.personDays", "$.costPerPersonDay", "$.note"]);
        missing.Problem.ShouldNotBeNull().Status.ShouldBe(404);
        (await _store.ListLedgerEntriesAsync(null, Ct)).ShouldBeEmpty();
    }

    [Fact]
    public async Task WriteEntryAsync_replaces_the_same_week_and_phase_and_DeleteEntryAsync_removes_it()
    {
        await CreateFeaturesAsync();

        ServiceResult<LedgerEntry> created = await _investment.WriteEntryAsync(s_editor, "delivery-dates", new LedgerEntryInput("2026-04-01", "build", 2), Ct);
        ServiceResult<LedgerEntry> same = await _investment.WriteEntryAsync(s_editor, "delivery-dates", new LedgerEntryInput("2026-W14", "build", 2), Ct);
        ServiceResult<LedgerEntry> replaced = await _investment.WriteEntryAsync(s_editor, "delivery-dates", new LedgerEntryInput("2026-W14", "build", 2.75), Ct);
        ServiceResult<LedgerEntry> deleted = await _investment.DeleteEntryAsync(s_editor, "delivery-dates", created.Value!.Id, Ct);

        (created.Outcome, same.Outcome, replaced.Outcome, deleted.Outcome)
            .ShouldBe((ServiceOutcome.Created, ServiceOutcome.Unchanged, ServiceOutcome.Changed, ServiceOutcome.Changed));
        (replaced.Value!.Id, replaced.Value.PersonDays).ShouldBe((created.Value.Id, 2.75));
        (await _store.ListLedgerEntriesAsync(null, Ct)).ShouldBeEmpty();
        (await _investment.DeleteEntryAsync(s_editor, "delivery-dates", created.Value.Id, Ct)).Problem.ShouldNotBeNull().Status.ShouldBe(404);
    }

    private sealed class NoResults : IExperimentResultsService
    {
        public Task<ServiceResult<ExperimentResultsResponse>> GetAsync(ResultsQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<ServiceResult<ExperimentResultsResponse>>(ServiceProblems.NotFound("experiment", query.Experiment));

        public Task<ServiceResult<ExperimentTimelineResponse>> TimelineAsync(ResultsQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<ServiceResult<ExperimentTimelineResponse>>(ServiceProblems.NotFound("experiment", query.Experiment));

        public Task<ServiceResult<MetricBaselineResponse>> BaselineAsync(MetricBaselineQuery query, CancellationToken cancellationToken = default) =>
            Task.FromResult<ServiceResult<MetricBaselineResponse>>(ServiceProblems.NotFound("metric", query.Metric));
    }
}
