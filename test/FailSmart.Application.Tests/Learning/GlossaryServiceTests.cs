using FailSmart.Application.Learning;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Tests.Learning;

public sealed class GlossaryServiceTests : IDisposable
{
    private readonly LearningTestBed _bed = new();

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public void Dispose() => _bed.Dispose();

    [Fact]
    public async Task GetAsync_a_term_lists_the_lessons_that_use_it_as_a_phrase_and_a_lesson_lists_its_terms()
    {
        long uses = await _bed.WriteAsync(LearningTestBed.Input("Cohort overlap", "The cohort was in the No ads trial."));
        await _bed.WriteAsync(LearningTestBed.Input("Words apart", "There was no trial of ads here."));
        ServiceResult<GlossaryTerm> created = await _bed.Glossary.CreateAsync(LearningTestBed.Editor, new GlossaryInput("No-ads trial", "Users who see no ads for a quarter.", "The retention launch."), Ct);

        GlossaryTermView view = (await _bed.Glossary.GetAsync(LearningTestBed.Viewer, "no-ads-trial", Ct)).Value!;
        LessonView lesson = (await _bed.Lessons.GetAsync(LearningTestBed.Viewer, uses, Ct)).Value!;

        (created.Outcome, created.Value!.Key).ShouldBe((ServiceOutcome.Created, "no-ads-trial"));
        view.Lessons.Select(l => l.Id).ShouldBe([uses]);
        lesson.Terms.Select(t => t.Key).ShouldBe(["no-ads-trial"]);
    }

    [Fact]
    public async Task CreateAsync_the_same_term_twice_is_a_conflict_and_bad_input_names_its_fields()
    {
        await _bed.Glossary.CreateAsync(LearningTestBed.Editor, new GlossaryInput("Peeking", "Looking at results before the planned end.", null), Ct);

        ServiceProblem again = (await _bed.Glossary.CreateAsync(LearningTestBed.Editor, new GlossaryInput("peeking!", "Again.", null), Ct)).Problem!;
        ServiceProblem bad = (await _bed.Glossary.CreateAsync(LearningTestBed.Editor, new GlossaryInput("***", "", null), Ct)).Problem!;
        ServiceProblem viewer = (await _bed.Glossary.CreateAsync(LearningTestBed.Viewer, new GlossaryInput("Other", "Meaning.", null), Ct)).Problem!;

        (again.Status, again.Errors[0].Path).ShouldBe((409, "$.term"));
        (bad.Status, string.Join(",", bad.Errors.Select(e => e.Path))).ShouldBe((400, "$.term,$.meaning"));
        viewer.Status.ShouldBe(403);
        (await _bed.Glossary.ListAsync(LearningTestBed.Viewer, null, cancellationToken: Ct)).Value!.Select(t => t.Key).ShouldBe(["peeking"]);
    }

    [Fact]
    public async Task UpdateAsync_keeps_the_key_and_checks_the_version()
    {
        await _bed.Glossary.CreateAsync(LearningTestBed.Editor, new GlossaryInput("Bundling", "Several changes in one test.", null), Ct);

        ServiceProblem stale = (await _bed.Glossary.UpdateAsync(LearningTestBed.Editor, "bundling", new GlossaryInput("Feature bundling", "x", null), 4, Ct)).Problem!;
        GlossaryTerm changed = (await _bed.Glossary.UpdateAsync(LearningTestBed.Editor, "bundling", new GlossaryInput("Feature bundling", "Several features in one test arm.", "2024"), 1, Ct)).Value!;

        stale.Status.ShouldBe(412);
        (changed.Key, changed.Content.Term, changed.Version).ShouldBe(("bundling", "Feature bundling", 2L));
        (await _bed.Glossary.ListAsync(LearningTestBed.Viewer, "arm", cancellationToken: Ct)).Value!.Select(t => t.Key).ShouldBe(["bundling"]);
    }
}
