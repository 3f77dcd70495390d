using System.Net;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>
/// `/api/v1/lessons` and `/api/v1/glossary`: ETags and If-Match, ProblemDetails naming each bad field, search
/// text that is never the engine's syntax, similar lessons with their reasons, and audited writes.
/// </summary>
public sealed class LearningApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Lesson(string title, string happened, string tags = "[]", string metrics = "[]", string key = "onboarding") =>
        $$"""{"subject":{"kind":"feature","key":"{{key}}"},"title":"{{title}}","expected":"A win.","happened":"{{happened}}","tags":{{tags}},"metrics":{{metrics}}}""";

    private async Task<JsonElement> CreateAsync(string body)
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/lessons", body);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        created.Headers.ETag!.Tag.ShouldBe("\"1\"");
        return await created.JsonAsync();
    }

    [Fact]
    public async Task Lessons_are_created_read_updated_with_If_Match_and_archived()
    {
        JsonElement created = await CreateAsync(Lesson("Api lesson zebra", "It went otherwise.", """["api"]"""));
        long id = created.GetProperty("id").GetInt64();

        using HttpResponseMessage read = await _admin.GetPathAsync($"/api/v1/lessons/{id}");
        using HttpResponseMessage stale = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/lessons/{id}", Lesson("Api lesson zebra two", "x"), "\"7\"");
        using HttpResponseMessage badTag = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/lessons/{id}", Lesson("Api lesson zebra two", "x"), "soon");
        using HttpResponseMessage updated = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/lessons/{id}", Lesson("Api lesson zebra two", "x"), "\"1\"");
        using HttpResponseMessage archived = await _admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/lessons/{id}/archive", "", "\"2\"");
        using HttpResponseMessage archivedEdit = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/lessons/{id}", Lesson("Api lesson zebra three", "x"), null);
        using HttpResponseMessage listed = await _admin.GetPathAsync("/api/v1/lessons?q=zebra");
        using HttpResponseMessage listedArchived = await _admin.GetPathAsync("/api/v1/lessons?q=zebra&archived=true");

        (created.GetProperty("subject").GetProperty("kind").GetString(), created.GetProperty("author").GetString()).ShouldBe(("feature", "bootstrap admin (testadmin01)"));
        read.Headers.ETag!.Tag.ShouldBe("\"1\"");
        (await read.JsonAsync()).GetProperty("title").GetString().ShouldBe("Api lesson zebra");
        (await stale.ShouldBeProblemAsync(HttpStatusCode.PreconditionFailed)).GetProperty("currentVersion").GetInt64().ShouldBe(1);
        (await badTag.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("If-Match");
        updated.Headers.ETag!.Tag.ShouldBe("\"2\"");
        (await archived.JsonAsync()).GetProperty("archived").GetBoolean().ShouldBeTrue();
        await archivedEdit.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await listed.JsonAsync()).GetArrayLength().ShouldBe(0);
        (await listedArchived.JsonAsync())[0].GetProperty("lesson").GetProperty("title").GetString().ShouldBe("Api lesson zebra two");
        using HttpResponseMessage audit = await _admin.GetPathAsync($"/api/v1/audit?kind=lesson&key={id}");
        string auditText = await audit.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        foreach (string action in new[] { "lesson.create", "lesson.update", "lesson.archive" })
        {
            auditText.ShouldContain(action);
        }
    }

    [Fact]
    public async Task Create_with_bad_fields_answers_problem_details_naming_each_and_stores_nothing()
    {
        string body = """{"subject":{"kind":"planet","key":"x"},"title":"","expected":"A win.","happened":"x","tags":["No Ads"],"links":["javascript:alert(1)"],"extra":1}""";
        using HttpResponseMessage unknown = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/lessons", body);
        using HttpResponseMessage invalid = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/lessons", body.Replace(",\"extra\":1", "", StringComparison.Ordinal));
        using HttpResponseMessage wrongType = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/lessons", """{"subject":"feature:x","title":"t","expected":"e","happened":"h"}""");
        using HttpResponseMessage tooLong = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/lessons", Lesson("Long", new string('x', 10_001)));
        using HttpResponseMessage missing = await _admin.GetPathAsync("/api/v1/lessons/999999");

        (await unknown.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.extra");
        JsonElement problem = await invalid.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()).ShouldBe(["$.subject.kind", "$.title", "$.tags[0]", "$.links[0]"]);
        problem.GetProperty("errors")[0].GetProperty("hint").GetString().ShouldBe("Use feature, experiment or rollout.");
        await wrongType.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
        (await tooLong.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("$.happened");
        await missing.ShouldBeProblemAsync(HttpStatusCode.NotFound);
        using HttpResponseMessage none = await _admin.GetPathAsync("/api/v1/lessons?q=planet");
        (await none.JsonAsync()).GetArrayLength().ShouldBe(0);
    }

    [Theory]
    [InlineData("\"unbalanced")]
    [InlineData("NEAR(a b) AND OR NOT *")]
    [InlineData("a:b ^c -d (e")]
    [InlineData("ads & | ! <-> :*")]
    [InlineData("'; DROP TABLE lessons; --")]
    [InlineData("🚀 ünïcödé")]
    [InlineData("")]
    public async Task List_search_text_with_engine_syntax_answers_200(string q)
    {
        await CreateAsync(Lesson("Hostile search target", "Something about ads."));

        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/lessons?q=" + Uri.EscapeDataString(q));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        (await response.JsonAsync()).ValueKind.ShouldBe(JsonValueKind.Array);
    }

    [Fact]
    public async Task Similar_ranks_the_lesson_sharing_the_metric_and_topic_first_with_its_reason()
    {
        JsonElement target = await CreateAsync(Lesson("Cohort in the no-ads trial", "Looked +6% but the cohort was in the no ads trial.", """["cohort"]""", """["retention-7d"]"""));
        await CreateAsync(Lesson("Ads banner", "The ads banner moved and nothing changed.", metrics: """["ad-clicks"]"""));

        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/lessons/similar?text=" + Uri.EscapeDataString("Fewer ads raise retention") + "&metrics=retention-7d&limit=5");
        using HttpResponseMessage bad = await _admin.GetPathAsync("/api/v1/lessons/similar?text=x&limit=50&exclude=nope");

        JsonElement first = (await response.JsonAsync())[0];
        first.GetProperty("lesson").GetProperty("id").GetInt64().ShouldBe(target.GetProperty("id").GetInt64());
        first.GetProperty("reason").GetString().ShouldBe("shares metric retention-7d; mentions ads");
        await bad.ShouldBeProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Glossary_terms_link_the_lessons_that_use_them_both_ways()
    {
        JsonElement lesson = await CreateAsync(Lesson("Holdback glossary test", "We kept a quokka holdback for a month."));
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/glossary", """{"term":"Quokka holdback","meaning":"A holdback nobody remembers to end.","origin":"2025."}""");
        using HttpResponseMessage again = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/glossary", """{"term":"quokka  HOLDBACK","meaning":"x"}""");
        using HttpResponseMessage empty = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/glossary", """{"term":"","meaning":""}""");

        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        created.Headers.Location!.ToString().ShouldBe("/api/v1/glossary/quokka-holdback");
        await again.ShouldBeProblemAsync(HttpStatusCode.Conflict);
        (await empty.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).GetProperty("errors").GetArrayLength().ShouldBe(2);
        using HttpResponseMessage term = await _admin.GetPathAsync("/api/v1/glossary/quokka-holdback");
        (await term.JsonAsync()).GetProperty("lessons")[0].GetProperty("id").GetInt64().ShouldBe(lesson.GetProperty("id").GetInt64());
        using HttpResponseMessage read = await _admin.GetPathAsync($"/api/v1/lessons/{lesson.GetProperty("id").GetInt64()}");
        (await read.JsonAsync()).GetProperty("terms")[0].GetProperty("key").GetString().ShouldBe("quokka-holdback");
    }
}
