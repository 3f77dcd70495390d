using System.Net;

namespace FailSmart.Server.Tests;

/// <summary>Writes are validated by Core against the whole configuration; problems come back with JSON paths and hints.</summary>
public sealed class ValidationTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    [Fact]
    public async Task Experiment_whose_weights_do_not_sum_to_1_is_422_with_the_path()
    {
        const string experiment = """
            {"key":"bad-weights","variations":[{"key":"a","weight":0.5},{"key":"b","weight":0.6}],"status":"running"}
            """;

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments", experiment);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity);
        var error = problem.GetProperty("errors")[0];
        error.GetProperty("path").GetString()!.ShouldStartWith("$.variations");
        error.GetProperty("hint").GetString().ShouldNotBeNullOrWhiteSpace();
        (await _admin.GetPathAsync("/api/v1/experiments/bad-weights")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Flag_rule_naming_an_unknown_segment_is_422()
    {
        const string flag = """
            {"key":"uses-ghost","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"r","segments":["ghost-segment"],"force":{"variation":"on"}}]}}}
            """;

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", flag);

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetRawText().ShouldContain("ghost-segment");
    }

    [Fact]
    public async Task Flag_with_an_invalid_condition_is_422()
    {
        const string flag = """
            {"key":"bad-regex","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"r","condition":{"email":{"$regex":"(unclosed"}},"force":{"variation":"on"}}]}}}
            """;

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", flag);

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0].GetProperty("path").GetString()!
            .ShouldStartWith("$.environments.production.rules[0]");
    }

    [Fact]
    public async Task Experiment_overlapping_another_in_its_layer_is_refused()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/layers", """{"key":"exclusive","salt":"s1"}""");
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments", """
            {"key":"first-trial","variations":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"layer":{"key":"exclusive","buckets":[0,6000]},"status":"running"}
            """)).StatusCode.ShouldBe(HttpStatusCode.Created);

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/experiments", """
            {"key":"second-trial","variations":[{"key":"a","weight":0.5},{"key":"b","weight":0.5}],"layer":{"key":"exclusive","buckets":[5000,10000]},"status":"running"}
            """);

        (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetRawText().ShouldContain("first-trial");
    }

    [Fact]
    public async Task Archiving_a_segment_still_in_use_is_refused()
    {
        await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/segments", """{"key":"in-use","attribute":"id","ids":["u1"]}""");
        (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", """
            {"key":"uses-in-use","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"r","segments":["in-use"],"force":{"variation":"on"}}]}}}
            """)).StatusCode.ShouldBe(HttpStatusCode.Created);

        using HttpResponseMessage response = await _admin.DeleteAsync(new Uri("/api/v1/segments/in-use", UriKind.Relative), ApiTestExtensions.Ct);

        string problem = (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetRawText();
        problem.ShouldContain("uses-in-use", customMessage: problem);
        (await (await _admin.GetPathAsync("/api/v1/segments/in-use")).JsonAsync()).GetProperty("archived").GetBoolean().ShouldBeFalse();
    }
}
