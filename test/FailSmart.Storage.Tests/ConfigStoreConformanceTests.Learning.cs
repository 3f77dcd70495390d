using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

/// <summary>
/// Lessons and the glossary, with full-text search. SQLite (FTS5) and PostgreSQL (tsvector) rank differently,
/// so these cases match exact words and assert an order only where both engines must agree.
/// </summary>
public abstract partial class ConfigStoreConformanceTests
{
    private static LessonDraft Draft(
        string title, string happened = "It went otherwise.", string[]? tags = null, string[]? metrics = null, string[]? markets = null,
        string kind = "experiment", string key = "checkout", string expected = "It would go well.", string why = "", string nextTime = "") =>
        new(kind, key, title, expected, happened, why, nextTime, tags ?? [], metrics ?? [], markets ?? [], ["/experiments/" + key, "https://wiki.example.com/x?a=1&b=2"]);

    private static async Task<IReadOnlyList<string>> TitlesAsync(ILearningStore store, LessonQuery query) =>
        [.. (await store.SearchLessonsAsync(query, Ct)).Select(h => h.Lesson.Content.Title)];

    [Fact]
    public async Task CreateLessonAsync_stores_every_field_and_audits_it()
    {
        IConfigStore config = await ReadyStoreAsync();
        var store = (ILearningStore)config;
        LessonDraft draft = Draft("Cohort overlapped", tags: ["ads", "cohort"], metrics: ["retention-7d"], markets: ["se", "nl"]);

        Lesson created = await store.CreateLessonAsync(draft, "Ada", Ct);
        Lesson read = (await store.GetLessonAsync(created.Id, Ct)).ShouldNotBeNull();

        (read.Id, read.Author, read.Version, read.Archived).ShouldBe((created.Id, "Ada", 1L, false));
        (read.Content.Title, read.Content.Expected, read.Content.Happened, read.Content.SubjectKind, read.Content.SubjectKey)
            .ShouldBe(("Cohort overlapped", "It would go well.", "It went otherwise.", "experiment", "checkout"));
        read.Content.Tags.ShouldBe(["ads", "cohort"]);
        read.Content.Metrics.ShouldBe(["retention-7d"]);
        read.Content.Markets.ShouldBe(["se", "nl"]);
        read.Content.Links.ShouldBe(["/experiments/checkout", "https://wiki.example.com/x?a=1&b=2"]);
        AuditEntry audit = (await config.QueryAuditAsync(new AuditQuery(), Ct))[0];
        (audit.Action, audit.Kind, audit.Key, audit.Actor).ShouldBe(("lesson.create", "lesson", created.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), "Ada"));
        audit.After!.ShouldContain("Cohort overlapped");
        (await store.GetLessonAsync(created.Id + 1000, Ct)).ShouldBeNull();
    }

    [Fact]
    public async Task UpdateLessonAsync_at_an_old_version_changes_nothing_and_at_the_current_one_moves_the_index()
    {
        IConfigStore config = await ReadyStoreAsync();
        var store = (ILearningStore)config;
        Lesson lesson = await store.CreateLessonAsync(Draft("Banner copy test", happened: "The banner tested flat."), "Ada", Ct);

        LearningWrite<Lesson> stale = await store.UpdateLessonAsync(lesson.Id, Draft("Carousel test"), 7, "Bob", Ct);
        LearningWrite<Lesson> same = await store.UpdateLessonAsync(lesson.Id, lesson.Content, 1, "Bob", Ct);
        LearningWrite<Lesson> changed = await store.UpdateLessonAsync(lesson.Id, Draft("Carousel test", happened: "The carousel tested flat."), 1, "Bob", Ct);
        LearningWrite<Lesson> missing = await store.UpdateLessonAsync(lesson.Id + 1000, Draft("x"), null, "Bob", Ct);

        (stale.Status, stale.Value!.Version).ShouldBe((LearningWriteStatus.Stale, 1L));
        (same.Status, same.Value!.Version).ShouldBe((LearningWriteStatus.Unchanged, 1L));
        (changed.Status, changed.Value!.Version, changed.Value.Content.Title).ShouldBe((LearningWriteStatus.Committed, 2L, "Carousel test"));
        (missing.Status, missing.Value).ShouldBe((LearningWriteStatus.NotFound, null));
        (await TitlesAsync(store, new LessonQuery(["banner"]))).ShouldBeEmpty();
        (await TitlesAsync(store, new LessonQuery(["carousel"]))).ShouldBe(["Carousel test"]);
        (await config.QueryAuditAsync(new AuditQuery(), Ct)).Select(a => a.Action).ShouldBe(["lesson.update", "lesson.create"]);
    }

    [Fact]
    public async Task SetLessonArchivedAsync_hides_it_from_search_unless_archived_are_asked_for()
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        Lesson lesson = await store.CreateLessonAsync(Draft("Pricing page anchor"), "Ada", Ct);

        LearningWrite<Lesson> archived = await store.SetLessonArchivedAsync(lesson.Id, true, 1, "Ada", Ct);
        LearningWrite<Lesson> again = await store.SetLessonArchivedAsync(lesson.Id, true, null, "Ada", Ct);

        (archived.Status, archived.Value!.Archived, archived.Value.Version).ShouldBe((LearningWriteStatus.Committed, true, 2L));
        again.Status.ShouldBe(LearningWriteStatus.Unchanged);
        (await TitlesAsync(store, new LessonQuery(["pricing"]))).ShouldBeEmpty();
        (await TitlesAsync(store, new LessonQuery())).ShouldBeEmpty();
        (await TitlesAsync(store, new LessonQuery(["pricing"], IncludeArchived: true))).ShouldBe(["Pricing page anchor"]);
    }

    [Fact]
    public async Task SearchLessonsAsync_matches_every_word_or_any_word_and_lists_newest_first_without_words()
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        await store.CreateLessonAsync(Draft("Ads cohort overlap", happened: "The cohort was in the no ads trial."), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Checkout button colour", happened: "Nobody noticed the button."), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Ads frequency cap", happened: "Fewer ads did not change retention."), "Ada", Ct);

        (await TitlesAsync(store, new LessonQuery(["ads", "cohort"]))).ShouldBe(["Ads cohort overlap"]);
        (await TitlesAsync(store, new LessonQuery(["cohort", "button"], AnyWord: true))).OrderBy(t => t, StringComparer.Ordinal)
            .ShouldBe(["Ads cohort overlap", "Checkout button colour"]);
        (await TitlesAsync(store, new LessonQuery())).ShouldBe(["Ads frequency cap", "Checkout button colour", "Ads cohort overlap"]);
        (await TitlesAsync(store, new LessonQuery(Limit: 2))).Count.ShouldBe(2);
        (await TitlesAsync(store, new LessonQuery(["ad"]))).ShouldBeEmpty(); // whole words, no prefix matching
    }

    [Fact]
    public async Task SearchLessonsAsync_ranks_a_word_three_times_in_the_title_above_one_mention_in_a_long_text()
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        string filler = string.Join(' ', Enumerable.Repeat("the team shipped a change and watched the numbers for a while", 30));
        await store.CreateLessonAsync(Draft("Quarterly review", happened: filler + " onboarding " + filler), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Onboarding onboarding onboarding", happened: "Short."), "Ada", Ct);

        IReadOnlyList<LessonHit> hits = await store.SearchLessonsAsync(new LessonQuery(["onboarding"]), Ct);

        hits.Select(h => h.Lesson.Content.Title).ShouldBe(["Onboarding onboarding onboarding", "Quarterly review"]);
        hits[0].Rank.ShouldBeGreaterThan(hits[1].Rank);
        hits[1].Rank.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task SearchLessonsAsync_filters_by_tag_subject_and_shared_lists_exactly()
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        await store.CreateLessonAsync(Draft("One", tags: ["no-ads"], metrics: ["retention-7d"], kind: "feature", key: "ads-free"), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Two", tags: ["ads"], markets: ["se"], kind: "rollout", key: "checkout/production/0"), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Three", tags: ["pricing"], metrics: ["retention-30d"]), "Ada", Ct);

        (await TitlesAsync(store, new LessonQuery(Tag: "ads"))).ShouldBe(["Two"]);
        (await TitlesAsync(store, new LessonQuery(Tag: "no"))).ShouldBeEmpty();
        (await TitlesAsync(store, new LessonQuery(SubjectKind: "feature", SubjectKey: "ads-free"))).ShouldBe(["One"]);
        (await TitlesAsync(store, new LessonQuery(SubjectKind: "rollout"))).ShouldBe(["Two"]);
        (await TitlesAsync(store, new LessonQuery(SharingAny: new LessonOverlap([], ["retention-7d"], ["se"])))).ShouldBe(["Two", "One"]);
        (await TitlesAsync(store, new LessonQuery(["one"], Tag: "no-ads"))).ShouldBe(["One"]);
    }

    [Theory]
    [InlineData("\"ads")]
    [InlineData("ads\"")]
    [InlineData("'ads'")]
    [InlineData("ads*")]
    [InlineData("NEAR(ads cohort)")]
    [InlineData("ads AND OR NOT")]
    [InlineData("-ads")]
    [InlineData("title:ads")]
    [InlineData("ads & | ! <-> :*")]
    [InlineData("(ads")]
    [InlineData("ads\\")]
    [InlineData("^ads {x}")]
    public async Task SearchLessonsAsync_user_text_with_engine_syntax_is_read_as_plain_words(string text)
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        await store.CreateLessonAsync(Draft("Ads cohort overlap", happened: "The cohort was in the no ads trial, and not ads-free."), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Checkout button"), "Ada", Ct);

        IReadOnlyList<string> words = SearchWords.Of(text);
        IReadOnlyList<string> titles = await TitlesAsync(store, new LessonQuery(words));
        IReadOnlyList<string> any = await TitlesAsync(store, new LessonQuery(words, AnyWord: true));

        words.ShouldContain("ads");
        titles.ShouldBe(words.All(w => w is "ads" or "cohort" or "and" or "not") ? ["Ads cohort overlap"] : []);
        any.ShouldBe(["Ads cohort overlap"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("\"\"")]
    [InlineData("* * *")]
    [InlineData("🚀🚀")]
    [InlineData("\u0301")]
    public async Task SearchLessonsAsync_text_without_words_lists_newest_first(string text)
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        await store.CreateLessonAsync(Draft("First"), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Second"), "Ada", Ct);

        (await TitlesAsync(store, new LessonQuery(SearchWords.Of(text)))).ShouldBe(["Second", "First"]);
    }

    [Fact]
    public async Task SearchLessonsAsync_matches_letters_beyond_ascii_whatever_their_case()
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        await store.CreateLessonAsync(Draft("Försäljning i Malmö", happened: "Kunderna köpte mer."), "Ada", Ct);
        await store.CreateLessonAsync(Draft("Forsaljning without accents"), "Ada", Ct);

        (await TitlesAsync(store, new LessonQuery(SearchWords.Of("FÖRSÄLJNING")))).ShouldBe(["Försäljning i Malmö"]);
        (await TitlesAsync(store, new LessonQuery(SearchWords.Of("köpte malmö")))).ShouldBe(["Försäljning i Malmö"]);
    }

    [Fact]
    public async Task SearchLessonsAsync_words_passed_with_syntax_are_split_again_by_the_store()
    {
        var store = (ILearningStore)await ReadyStoreAsync();
        await store.CreateLessonAsync(Draft("Ads cohort overlap"), "Ada", Ct);

        (await TitlesAsync(store, new LessonQuery(["ads\" OR \"x", "NEAR(cohort"], AnyWord: true))).ShouldBe(["Ads cohort overlap"]);
        (await TitlesAsync(store, new LessonQuery(["ads\" OR \"x", "NEAR(cohort"]))).ShouldBeEmpty(); // "or", "x" and "near" are words too
    }

    [Fact]
    public async Task Glossary_terms_are_created_once_per_key_updated_at_their_version_and_searched()
    {
        IConfigStore config = await ReadyStoreAsync();
        var store = (ILearningStore)config;

        GlossaryTerm created = (await store.CreateTermAsync("no-ads-trial", new GlossaryDraft("No-ads trial", "Users who see no ads.", "The 2024 retention launch."), "Ada", Ct)).ShouldNotBeNull();
        GlossaryTerm? duplicate = await store.CreateTermAsync("no-ads-trial", new GlossaryDraft("Other", "x", ""), "Bob", Ct);
        await store.CreateTermAsync("bundling", new GlossaryDraft("bundling", "Shipping several features in one test.", ""), "Ada", Ct);
        LearningWrite<GlossaryTerm> stale = await store.UpdateTermAsync("no-ads-trial", new GlossaryDraft("No-ads trial", "Changed.", ""), 5, "Bob", Ct);
        LearningWrite<GlossaryTerm> updated = await store.UpdateTermAsync("no-ads-trial", new GlossaryDraft("No-ads trial", "Users in the trial see no ads at all.", "Retention launch."), 1, "Bob", Ct);

        (created.Version, duplicate).ShouldBe((1L, null));
        stale.Status.ShouldBe(LearningWriteStatus.Stale);
        (updated.Status, updated.Value!.Version, updated.Value.Content.Meaning).ShouldBe((LearningWriteStatus.Committed, 2L, "Users in the trial see no ads at all."));
        (await store.SearchTermsAsync([], false, 10, Ct)).Select(h => h.Term.Key).ShouldBe(["bundling", "no-ads-trial"]);
        (await store.SearchTermsAsync(["ads", "trial"], false, 10, Ct)).Select(h => h.Term.Key).ShouldBe(["no-ads-trial"]);
        (await store.SearchTermsAsync(["changed"], false, 10, Ct)).ShouldBeEmpty();
        (await store.SetTermArchivedAsync("bundling", true, null, "Ada", Ct)).Status.ShouldBe(LearningWriteStatus.Committed);
        (await store.SearchTermsAsync([], false, 10, Ct)).Select(h => h.Term.Key).ShouldBe(["no-ads-trial"]);
        (await store.SearchTermsAsync(["\"", "*"], true, 10, Ct)).Select(h => h.Term.Key).ShouldBe(["bundling", "no-ads-trial"]);
        (await config.QueryAuditAsync(new AuditQuery(Kind: "glossary-term"), Ct)).Select(a => a.Action).ShouldBe(["glossary.archive", "glossary.update", "glossary.create", "glossary.create"]);
    }
}
