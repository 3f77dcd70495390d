using FailSmart.Application.Learning;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests.Learning;

public sealed class LessonServiceTests : IDisposable
{
    private readonly LearningTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task SimilarAsync_an_experiment_touching_ads_finds_the_no_ads_cohort_lesson_first()
    {
        long overlap = await _bed.WriteAsync(LearningTestBed.Input(
            "Test cohort was already in the no-ads trial",
            "Retention looked +6% in the test and was -1% after launch: the test cohort overlapped the no ads trial, so it saw no ads at all.",
            tags: ["cohort", "overlap"], metrics: ["retention-7d"], markets: ["se"]));
        // Decoys: each shares some of the words, or a metric, but not the story.
        await _bed.WriteAsync(LearningTestBed.Input("Ads banner placement", "Moving the banner lower changed clicks on ads by nothing measurable.", tags: ["banner"], metrics: ["ad-clicks"]));
        await _bed.WriteAsync(LearningTestBed.Input("Trial length", "A 14-day trial converted like a 30-day trial; the cohort was small.", metrics: ["conversion"]));
        await _bed.WriteAsync(LearningTestBed.Input("Peeking at results", "We stopped the test early when retention looked good, and it did not hold.", metrics: ["retention-30d"]));
        await _bed.WriteAsync(LearningTestBed.Input("Checkout copy", "Shorter copy did nothing for new users.", markets: ["se"]));

        ServiceResult<IReadOnlyList<SimilarLesson>> result = await _bed.Lessons.SimilarAsync(LearningTestBed.Viewer,
            new SimilarLessonsQuery("Showing fewer ads to new users will raise 7-day retention", Metrics: ["retention-7d"], Markets: ["nl"]), Ct);

        IReadOnlyList<SimilarLesson> similar = result.Value.ShouldNotBeNull();
        similar.Count.ShouldBe(3);
        similar[0].Lesson.Id.ShouldBe(overlap);
        similar[0].SharedMetrics.ShouldBe(["retention-7d"]);
        similar[0].Mentions.ShouldContain("ads");
        similar[0].Reason.ShouldBe("shares metric retention-7d; mentions ads, retention");
        similar.Select(s => s.Score).ShouldBeInOrder(SortDirection.Descending);
        similar[0].Score.ShouldBeGreaterThan(similar[1].Score);
    }

    [Fact]
    public async Task SimilarAsync_a_word_most_lessons_mention_still_counts_although_bm25_gives_it_no_weight()
    {
        // With "ads" in two lessons of three, SQLite's bm25 gives the word an inverse document frequency of
        // (almost) zero; the share of the plan's words a lesson mentions keeps it in the answer.
        long banner = await _bed.WriteAsync(LearningTestBed.Input("Ads banner placement", "Moving the ads banner lower changed nothing.", metrics: ["ad-clicks"]));
        await _bed.WriteAsync(LearningTestBed.Input("Trial length", "A 14-day trial converted like a 30-day trial.", metrics: ["conversion"]));
        long cohort = await _bed.WriteAsync(LearningTestBed.Input(
            "Test cohort was already in the no-ads trial", "After launch retention fell 1%: the cohort saw no ads.", metrics: ["retention-7d"]));

        IReadOnlyList<SimilarLesson> similar = (await _bed.Lessons.SimilarAsync(LearningTestBed.Viewer,
            new SimilarLessonsQuery("Showing no ads to new users raises 7-day retention.", Metrics: ["retention-7d"]), Ct)).Value!;

        similar.Select(s => s.Lesson.Id).ShouldBe([cohort, banner]);
        similar.Select(s => s.Reason).ShouldBe(["shares metric retention-7d; mentions no, ads, retention", "mentions ads"]);
    }

    [Fact]
    public async Task SimilarAsync_leaves_out_the_subject_being_planned_and_lessons_sharing_nothing()
    {
        await _bed.WriteAsync(LearningTestBed.Input("Own lesson about ads", "ads ads ads", key: "ads-free"));
        long other = await _bed.WriteAsync(LearningTestBed.Input("Other lesson", "The ads moved.", key: "banner"));
        await _bed.WriteAsync(LearningTestBed.Input("Unrelated", "Pricing copy.", key: "pricing"));

        IReadOnlyList<SimilarLesson> similar = (await _bed.Lessons.SimilarAsync(LearningTestBed.Viewer,
            new SimilarLessonsQuery("the ads", Exclude: "feature:ads-free", Limit: 10), Ct)).Value!;

        similar.Select(s => s.Lesson.Id).ShouldBe([other]);
        similar[0].Reason.ShouldBe("mentions ads");
    }

    [Fact]
    public async Task SimilarAsync_with_no_words_and_no_lists_finds_nothing_and_bad_lists_are_refused()
    {
        await _bed.WriteAsync(LearningTestBed.Input("Any", "Anything."));

        (await _bed.Lessons.SimilarAsync(LearningTestBed.Viewer, new SimilarLessonsQuery("the and of \"*\""), Ct)).Value.ShouldBeEmpty();
        ServiceResult<IReadOnlyList<SimilarLesson>> bad = await _bed.Lessons.SimilarAsync(LearningTestBed.Viewer,
            new SimilarLessonsQuery("x", Markets: ["Sweden!"], Exclude: "nothing"), Ct);
        bad.Problem.ShouldNotBeNull().Errors.Select(e => e.Path).ShouldBe(["markets", "exclude"]);
    }

    [Fact]
    public async Task CreateAsync_bad_fields_are_each_named_and_nothing_is_stored()
    {
        var input = new LessonInput("experiment", "no-such-experiment", "", "", "x", null, null, ["Ads", "ok"], ["retention 7d"], null,
            ["javascript:alert(1)", "//evil.example.com", "/experiments/x", "https://user:pw@example.com/"]);

        ServiceResult<Lesson> result = await _bed.Lessons.CreateAsync(LearningTestBed.Editor, input, Ct);

        ServiceProblem problem = result.Problem.ShouldNotBeNull();
        problem.Status.ShouldBe(400);
        problem.Errors.Select(e => e.Path).ShouldBe(["$.subject.key", "$.title", "$.expected", "$.tags[0]", "$.metrics[0]", "$.links[0]", "$.links[1]", "$.links[3]"]);
        problem.For("$.subject.key")!.Message.ShouldBe("There is no experiment 'no-such-experiment'.");
        (await _bed.Lessons.SearchAsync(LearningTestBed.Viewer, new LessonSearch(), Ct)).Value.ShouldBeEmpty();
    }

    [Fact]
    public async Task CreateAsync_rollout_subject_needs_an_existing_flag_and_environment()
    {
        await _bed.Store.CreateAsync(new ResourceWrite(ResourceKind.Flag, "checkout", """{"key":"checkout"}""", [], null, "tester"), Ct);

        ServiceResult<Lesson> good = await _bed.Lessons.CreateAsync(LearningTestBed.Editor, LearningTestBed.Input("Ramp", "Fine.") with { SubjectKind = "rollout", SubjectKey = "checkout/production/0" }, Ct);
        ServiceResult<Lesson> noFlag = await _bed.Lessons.CreateAsync(LearningTestBed.Editor, LearningTestBed.Input("Ramp", "Fine.") with { SubjectKind = "rollout", SubjectKey = "nope/production/0" }, Ct);
        ServiceResult<Lesson> noEnvironment = await _bed.Lessons.CreateAsync(LearningTestBed.Editor, LearningTestBed.Input("Ramp", "Fine.") with { SubjectKind = "rollout", SubjectKey = "checkout/moon/0" }, Ct);
        ServiceResult<Lesson> badShape = await _bed.Lessons.CreateAsync(LearningTestBed.Editor, LearningTestBed.Input("Ramp", "Fine.") with { SubjectKind = "rollout", SubjectKey = "checkout" }, Ct);

        (good.Outcome, good.Value!.Content.SubjectKey).ShouldBe((ServiceOutcome.Created, "checkout/production/0"));
        noFlag.Problem!.For("$.subject.key")!.Message.ShouldBe("There is no flag 'nope'.");
        noEnvironment.Problem!.For("$.subject.key")!.Message.ShouldBe("There is no environment 'moon'.");
        badShape.Problem!.For("$.subject.key")!.Message.ShouldBe("'checkout' is not a rollout.");
    }

    [Fact]
    public async Task CreateAsync_text_over_the_limits_is_refused()
    {
        var input = LearningTestBed.Input(new string('t', 201), new string('h', 10_001), tags: [.. Enumerable.Range(0, 21).Select(i => "t" + i)]);

        ServiceProblem problem = (await _bed.Lessons.CreateAsync(LearningTestBed.Editor, input, Ct)).Problem.ShouldNotBeNull();

        problem.Errors.Select(e => e.Path).ShouldBe(["$.title", "$.happened", "$.tags"]);
    }

    [Fact]
    public async Task Writes_by_a_viewer_are_refused_and_reads_are_not()
    {
        long id = await _bed.WriteAsync(LearningTestBed.Input("Readable", "Yes."));

        ServiceResult<Lesson> create = await _bed.Lessons.CreateAsync(LearningTestBed.Viewer, LearningTestBed.Input("No", "No."), Ct);
        ServiceResult<Lesson> archive = await _bed.Lessons.SetArchivedAsync(LearningTestBed.Viewer, id, true, null, Ct);
        ServiceResult<LessonView> read = await _bed.Lessons.GetAsync(LearningTestBed.Viewer, id, Ct);

        (create.Problem!.Status, archive.Problem!.Status).ShouldBe((403, 403));
        read.Value!.Lesson.Content.Title.ShouldBe("Readable");
        (await _bed.Store.GetLessonAsync(id, Ct))!.Archived.ShouldBeFalse();
    }

    [Fact]
    public async Task UpdateAsync_checks_the_version_and_refuses_an_archived_lesson()
    {
        long id = await _bed.WriteAsync(LearningTestBed.Input("First words", "Happened."));

        ServiceResult<Lesson> stale = await _bed.Lessons.UpdateAsync(LearningTestBed.Editor, id, LearningTestBed.Input("Second words", "Happened."), 9, Ct);
        ServiceResult<Lesson> changed = await _bed.Lessons.UpdateAsync(LearningTestBed.Editor, id, LearningTestBed.Input("Second words", "Happened."), 1, Ct);
        await _bed.Lessons.SetArchivedAsync(LearningTestBed.Editor, id, true, 2, Ct);
        ServiceResult<Lesson> archived = await _bed.Lessons.UpdateAsync(LearningTestBed.Editor, id, LearningTestBed.Input("Third", "Happened."), null, Ct);

        (stale.Problem!.Status, stale.Problem.CurrentVersion).ShouldBe((412, 1L));
        (changed.Outcome, changed.Value!.Version).ShouldBe((ServiceOutcome.Changed, 2L));
        (archived.Problem!.Status, archived.Problem.CurrentVersion).ShouldBe((409, 3L));
        (await _bed.Store.GetLessonAsync(id, Ct))!.Content.Title.ShouldBe("Second words");
    }

    [Fact]
    public async Task SearchAsync_ranks_relevance_from_1_down_gives_a_snippet_and_filters()
    {
        await _bed.WriteAsync(LearningTestBed.Input("Cohort cohort cohort", "Short.", tags: ["cohort"]));
        await _bed.WriteAsync(LearningTestBed.Input("Something else", "A long story in which, at last, the cohort appears once.", tags: ["other"]));

        IReadOnlyList<LessonFound> found = (await _bed.Lessons.SearchAsync(LearningTestBed.Viewer, new LessonSearch("COHORT"), Ct)).Value!;
        IReadOnlyList<LessonFound> tagged = (await _bed.Lessons.SearchAsync(LearningTestBed.Viewer, new LessonSearch("cohort", Tag: "other"), Ct)).Value!;
        ServiceProblem bad = (await _bed.Lessons.SearchAsync(LearningTestBed.Viewer, new LessonSearch(Tag: "Not A Tag", Subject: "planet:x"), Ct)).Problem!;

        found.Select(f => f.Lesson.Content.Title).ShouldBe(["Cohort cohort cohort", "Something else"]);
        found[0].Relevance.ShouldBe(1);
        found[1].Relevance.ShouldBeInRange(0.0001, 0.9999);
        found[1].Snippet.ShouldBe("A long story in which, at last, the cohort appears once.");
        tagged.Select(f => f.Lesson.Content.Title).ShouldBe(["Something else"]);
        bad.Errors.Select(e => e.Path).ShouldBe(["tag", "subject"]);
    }
}
