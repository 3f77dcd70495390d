using System.Net;
using FailSmart.Storage;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>Start-up over real data folders, on a real Kestrel port.</summary>
public sealed class StartupTests
{
    private static string[] Args(string data) => ["--data", data, "--urls", "http://127.0.0.1:0"];

    [Fact]
    public async Task Second_start_on_the_same_folder_reuses_the_data()
    {
        using var data = new TemporaryFolder();
        await using (WebApplication first = FailSmartServer.Create(Args(data.Path)))
        {
            await first.StartAsync(TestContext.Current.CancellationToken);
            await first.StopAsync(TestContext.Current.CancellationToken);
        }

        await using WebApplication second = FailSmartServer.Create(Args(data.Path));
        await second.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(second.Urls.First()) };

        using HttpResponseMessage health = await client.GetAsync(new Uri("/health", UriKind.Relative), TestContext.Current.CancellationToken);

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await second.Services.GetRequiredService<IConfigStore>().ListEnvironmentKeysAsync(TestContext.Current.CancellationToken))
            .ShouldBe(["development", "staging", "production"]); // seeded once, not twice
        await second.StopAsync(TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task Start_on_a_corrupt_configuration_database_fails_with_a_clear_message()
    {
        using var data = new TemporaryFolder();
        await File.WriteAllTextAsync(Path.Combine(data.Path, "config.db"), new string('#', 4096), TestContext.Current.CancellationToken);
        await using WebApplication app = FailSmartServer.Create(Args(data.Path));

        var ex = await Should.ThrowAsync<StorageException>(() => app.StartAsync(TestContext.Current.CancellationToken));

        ex.Code.ShouldBe(StorageErrorCode.CorruptDatabase);
        ex.Message.ShouldContain("config.db");
        ex.Message.ShouldContain("not a readable SQLite database");
    }

    [Fact]
    public async Task RunAsync_on_an_unusable_folder_exits_with_code_1()
    {
        using var data = new TemporaryFolder();
        string file = Path.Combine(data.Path, "a-file");
        await File.WriteAllTextAsync(file, "x", TestContext.Current.CancellationToken);

        int exitCode = await FailSmartServer.RunAsync(Args(file), TestContext.Current.CancellationToken);

        exitCode.ShouldBe(1);
    }

    [Fact]
    public async Task Body_over_the_limit_is_413_problem_and_changes_nothing()
    {
        using var data = new TemporaryFolder();
        await using WebApplication app = FailSmartServer.Create([.. Args(data.Path), "--Auth:BootstrapAdminKey", FailSmartFactory.AdminKey]);
        await app.StartAsync(TestContext.Current.CancellationToken);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FailSmartFactory.AdminKey);
        string huge = "{\"key\":\"big\",\"description\":\"" + new string('x', 2 * 1024 * 1024) + "\"}";

        using HttpResponseMessage response = await client.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", huge);

        var problem = await response.ShouldBeProblemAsync(HttpStatusCode.RequestEntityTooLarge);
        problem.GetProperty("detail").GetString()!.ShouldContain("1024 KiB");
        (await client.GetPathAsync("/api/v1/flags/big")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
        await app.StopAsync(TestContext.Current.CancellationToken);
    }
}
