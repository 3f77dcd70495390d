using System.Net;
using FailSmart.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

public sealed class AuthenticationTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    [Fact]
    public async Task Admin_api_without_a_key_is_401_saying_how_to_authenticate()
    {
        using HttpClient client = factory.ClientWithKey(null);

        using HttpResponseMessage response = await client.GetPathAsync("/api/v1/flags");

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized);
        problem.GetProperty("detail").GetString()!.ShouldContain("Authorization: Bearer");
        response.Headers.WwwAuthenticate.ToString().ShouldBe("Bearer");
    }

    [Fact]
    public async Task Malformed_key_is_401_saying_what_a_key_looks_like()
    {
        using HttpClient client = factory.ClientWithKey("not-a-key");

        using HttpResponseMessage response = await client.GetPathAsync("/api/v1/flags");

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("fs_admin_");
    }

    [Fact]
    public async Task Foreign_key_with_a_valid_shape_is_401()
    {
        using HttpClient client = factory.ClientWithKey("fs_admin_testadmin01_ZZZZZZZZZZZZZZZZZZZZZZZZZZ");

        using HttpResponseMessage response = await client.GetPathAsync("/api/v1/flags");

        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("not known");
    }

    [Fact]
    public async Task Server_key_on_the_admin_api_is_403()
    {
        using HttpClient admin = factory.ClientWithKey();
        string serverKey = await admin.CreateKeyAsync("server", "production");
        using HttpClient client = factory.ClientWithKey(serverKey);

        using HttpResponseMessage response = await client.GetPathAsync("/api/v1/flags");

        (await response.ShouldBeProblemAsync(HttpStatusCode.Forbidden)).GetProperty("detail").GetString()!.ShouldContain("Admin keys manage configuration");
    }

    [Fact]
    public async Task Revoked_key_stops_working_at_once()
    {
        using HttpClient admin = factory.ClientWithKey();
        string key = await admin.CreateKeyAsync("admin", null);
        using HttpClient client = factory.ClientWithKey(key);
        (await client.GetPathAsync("/api/v1/environments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        string id = key.Split('_')[2];

        (await admin.DeleteAsync(new Uri($"/api/v1/api-keys/{id}", UriKind.Relative), ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        using HttpResponseMessage response = await client.GetPathAsync("/api/v1/environments");
        (await response.ShouldBeProblemAsync(HttpStatusCode.Unauthorized)).GetProperty("detail").GetString()!.ShouldContain("was revoked");
    }

    [Fact]
    public async Task Key_revoked_by_another_replica_stops_working_once_the_revision_is_seen()
    {
        using HttpClient admin = factory.ClientWithKey();
        string key = await admin.CreateKeyAsync("admin", null);
        using HttpClient client = factory.ClientWithKey(key);
        (await client.GetPathAsync("/api/v1/environments")).StatusCode.ShouldBe(HttpStatusCode.OK);
        string id = key.Split('_')[2];

        // Straight into the shared store, as a second server would: this process only learns of it
        // through the revision poller, so the cached key record must not outlive that.
        IConfigStore store = factory.Services.GetRequiredService<IConfigStore>();
        (await store.RevokeApiKeyAsync(id, "another-replica", ApiTestExtensions.Ct)).ShouldBeTrue();

        HttpStatusCode status = HttpStatusCode.OK;
        for (int attempt = 0; attempt < 100 && status == HttpStatusCode.OK; attempt++)
        {
            await Task.Delay(100, ApiTestExtensions.Ct);
            using HttpResponseMessage response = await client.GetPathAsync("/api/v1/environments");
            status = response.StatusCode;
        }

        status.ShouldBe(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Keys_are_listed_without_secrets_and_record_last_use()
    {
        using HttpClient admin = factory.ClientWithKey();
        await admin.GetPathAsync("/api/v1/environments");

        using HttpResponseMessage response = await admin.GetPathAsync("/api/v1/api-keys");

        string body = await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct);
        body.ShouldNotContain("0123456789abcdefghijklmnop");
        body.ShouldNotContain("secretHash", Case.Insensitive);
        var bootstrap = (await response.JsonAsync()).EnumerateArray().Single(k => k.GetProperty("id").GetString() == "testadmin01");
        bootstrap.GetProperty("lastUsedAt").ValueKind.ShouldBe(System.Text.Json.JsonValueKind.String);
    }
}
