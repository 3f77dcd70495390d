using System.Net;
using System.Text.Json;

namespace FailSmart.Server.Tests;

public sealed class HealthEndpointsTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    [Fact]
    public async Task GetHealth_ready_server_answers_200_with_each_store()
    {
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        var stores = body.RootElement.GetProperty("stores").EnumerateArray()
            .Select(s => (Role: s.GetProperty("role").GetString(), Provider: s.GetProperty("provider").GetString(), Status: s.GetProperty("status").GetString(), Version: s.GetProperty("schemaVersion").GetInt32()))
            .OrderBy(s => s.Role, StringComparer.Ordinal)
            .ToList();
        stores.ShouldBe([("config", "sqlite", "Healthy", 13), ("events", "duckdb", "Healthy", 4)]);
        File.Exists(Path.Combine(factory.DataPath, "config.db")).ShouldBeTrue();
        File.Exists(Path.Combine(factory.DataPath, "events.duckdb")).ShouldBeTrue();
    }

    [Fact]
    public async Task Unknown_path_answers_404_as_problem_details()
    {
        using HttpClient client = factory.CreateClient();

        using HttpResponseMessage response = await client.GetAsync(new Uri("/no/such/thing", UriKind.Relative), TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        using JsonDocument body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        body.RootElement.GetProperty("status").GetInt32().ShouldBe(404);
        body.RootElement.GetProperty("instance").GetString().ShouldBe("/no/such/thing");
        body.RootElement.TryGetProperty("traceId", out _).ShouldBeTrue();
    }
}
