using System.Net;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>A rollout's hashVersion through the API: 1 and 2 are stored and served, anything else is a ProblemDetails that changes nothing.</summary>
public sealed class RolloutHashVersionApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private const string FlagTemplate = """
        {"key":"KEY","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
           "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":30,"hashVersion":VERSION}}]}}}
        """;

    private static string Flag(string key, string hashVersion) =>
        FlagTemplate.Replace("KEY", key, StringComparison.Ordinal).Replace("VERSION", hashVersion, StringComparison.Ordinal);

    [Fact]
    public async Task Flag_with_a_version_1_rollout_is_created_and_read_back_with_it()
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", Flag("moved-from-growthbook", "1"));
        using HttpResponseMessage read = await _admin.GetPathAsync("/api/v1/flags/moved-from-growthbook");

        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        (await read.Content.ReadAsStringAsync(ApiTestExtensions.Ct)).ShouldContain("\"hashVersion\":1");
    }

    [Theory]
    [InlineData("unknown-3", "3", "Unknown hash version 3.")]
    [InlineData("unknown-0", "0", "Unknown hash version 0.")]
    public async Task Flag_with_an_unknown_hash_version_is_422_with_the_path_and_is_not_created(string key, string version, string message)
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", Flag(key, version));

        var error = (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.environments.production.rules[0].rollout.hashVersion");
        error.GetProperty("message").GetString().ShouldBe(message);
        error.GetProperty("hint").GetString()!.ShouldContain("Use 2 (the default), or 1");
        (await _admin.GetPathAsync("/api/v1/flags/" + key)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Flag_with_a_hash_version_that_is_not_a_number_is_422_at_its_path_and_is_not_created()
    {
        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", Flag("text-version", "\"1\""));

        JsonElement error = (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.environments.production.rules[0].rollout.hashVersion");
        error.GetProperty("hint").GetString().ShouldBe("Fix the JSON at that place; see docs/configuration.md for each property's type.");
        (await _admin.GetPathAsync("/api/v1/flags/text-version")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
