using System.Net;
using System.Text.Json;

namespace FailSmart.Server.Tests;

/// <summary>
/// The launch collision guard: a change that lets two running trials reach the same units is refused with
/// each collision and what would separate them, unless acknowledged with a reason; a layer separates.
/// Each test assigns by its own attribute, so the tests' trials never collide with each other's.
/// </summary>
public sealed class CollisionApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Experiment(string key, string attribute, string layer = "") => $$"""
        {"key":"{{key}}","hashAttribute":"{{attribute}}","variations":[{"key":"off","weight":0.5},{"key":"on","weight":0.5}],"status":"running"{{layer}}}
        """;

    private static string Flag(string key, string experiment) => $$"""
        {"key":"{{key}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
         "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"r1","experiment":{"key":"{{experiment}}"} }]} } }
        """;

    private async Task CreateAsync(string collection, string json)
    {
        using HttpResponseMessage created = await _admin.SendJsonAsync(HttpMethod.Post, collection, json);
        created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    [Fact]
    public async Task An_experiment_that_would_share_units_with_a_running_trial_outside_its_layer_is_refused_and_inside_the_layer_allowed()
    {
        await CreateAsync("/api/v1/layers", """{"key":"guard-layer","salt":"guard-layer-salt","hashAttribute":"account"}""");
        await CreateAsync("/api/v1/experiments", Experiment("guard-one", "account", ""","layer":{"key":"guard-layer","buckets":[0,5000]}"""));
        await CreateAsync("/api/v1/flags", Flag("guard-one-flag", "guard-one"));
        await CreateAsync("/api/v1/experiments", Experiment("guard-two", "account"));

        JsonElement problem = await (await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", Flag("guard-two-flag", "guard-two")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict);

        problem.GetProperty("title").GetString().ShouldBe("The change would let trials share units.");
        JsonElement error = problem.GetProperty("errors").EnumerateArray().Single();
        error.GetProperty("message").GetString().ShouldBe(
            "production: Experiment 'guard-one' and experiment 'guard-two' both assign by 'account', their audiences can overlap, and no layer keeps them apart.");
        error.GetProperty("hint").GetString()!.ShouldStartWith("Put both in one layer with separate buckets");
        (await _admin.GetPathAsync("/api/v1/flags/guard-two-flag")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        // The other half of the same layer keeps them apart.
        (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/guard-two", Experiment("guard-two", "account", ""","layer":{"key":"guard-layer","buckets":[5000,10000]}""")))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await CreateAsync("/api/v1/flags", Flag("guard-two-flag", "guard-two"));
        JsonElement none = await (await _admin.GetPathAsync("/api/v1/collisions?environment=production&trial=guard-two")).JsonAsync();
        none.GetArrayLength().ShouldBe(0);

        // Leaving the layer would begin the collision: refused, and the experiment stays in its layer.
        (await (await _admin.SendJsonAsync(HttpMethod.Put, "/api/v1/experiments/guard-two", Experiment("guard-two", "account")))
            .ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("errors").GetArrayLength().ShouldBe(1);
        JsonElement stored = await (await _admin.GetPathAsync("/api/v1/experiments/guard-two")).JsonAsync();
        stored.GetProperty("document").GetProperty("layer").GetProperty("key").GetString().ShouldBe("guard-layer");
    }

    [Fact]
    public async Task An_acknowledged_collision_needs_a_reason_is_recorded_in_the_audit_log_and_stays_listed()
    {
        await CreateAsync("/api/v1/experiments", Experiment("ack-one", "device"));
        await CreateAsync("/api/v1/flags", Flag("ack-one-flag", "ack-one"));
        await CreateAsync("/api/v1/experiments", Experiment("ack-two", "device"));

        using var noReason = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/flags", UriKind.Relative))
        {
            Content = new StringContent(Flag("ack-two-flag", "ack-two"), System.Text.Encoding.UTF8, "application/json"),
        };
        noReason.Headers.Add("X-Acknowledge-Collisions", "true");
        (await (await _admin.SendAsync(noReason, ApiTestExtensions.Ct)).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("Acknowledging a collision needs a reason.");
        (await _admin.GetPathAsync("/api/v1/flags/ack-two-flag")).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        using var acknowledged = new HttpRequestMessage(HttpMethod.Post, new Uri("/api/v1/flags", UriKind.Relative))
        {
            Content = new StringContent(Flag("ack-two-flag", "ack-two"), System.Text.Encoding.UTF8, "application/json"),
        };
        acknowledged.Headers.Add("X-Acknowledge-Collisions", "true");
        acknowledged.Headers.Add("X-Change-Reason", "both measure checkout; analysed together");
        (await _admin.SendAsync(acknowledged, ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);

        JsonElement audit = await (await _admin.GetPathAsync("/api/v1/audit?kind=flag&key=ack-two-flag")).JsonAsync();
        audit[0].GetProperty("reason").GetString().ShouldBe(
            "both measure checkout; analysed together Acknowledged collisions: ack-one with experiment ack-two in production.");
        JsonElement listed = await (await _admin.GetPathAsync("/api/v1/collisions?environment=production&trial=ack-two")).JsonAsync();
        listed.EnumerateArray().Select(c => c.GetProperty("other").GetString()).ShouldBe(["ack-one"]);
    }

    [Fact]
    public async Task The_collision_list_needs_a_known_environment()
    {
        (await (await _admin.GetPathAsync("/api/v1/collisions")).ShouldBeProblemAsync(HttpStatusCode.BadRequest))
            .GetProperty("errors")[0].GetProperty("path").GetString().ShouldBe("environment");
        (await _admin.GetPathAsync("/api/v1/collisions?environment=nowhere")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
