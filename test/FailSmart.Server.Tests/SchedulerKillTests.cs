using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using FailSmart.Testing;

namespace FailSmart.Server.Tests;

/// <summary>
/// The scheduler killed with SIGKILL again and again, also between picking a due change and committing it:
/// every due change is applied exactly once, none is lost, and cancelled ones never are.
/// </summary>
public sealed class SchedulerKillTests
{
    private const int Changes = 40;
    private const int Kills = 50;

    [Fact]
    public async Task Due_changes_are_applied_exactly_once_across_repeated_kills()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        using var data = new TemporaryFolder();
        var random = new Random(20261207);
        var cancelled = new HashSet<int>();
        var watch = Stopwatch.StartNew();

        (Process process, Uri address) = await StartAsync(data.Path, ct);
        using (HttpClient admin = Client(address))
        {
            for (int i = 0; i < Changes; i++)
            {
                (await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags",
                    $$"""{"key":"k{{i}}","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"environments":{"production":{"enabled":false,"offVariation":"off","defaultVariation":"on","rules":[]} } }"""))
                    .StatusCode.ShouldBe(HttpStatusCode.Created);
            }

            // Due over the next half minute, while the kills go on; every eighth is cancelled before it is due.
            for (int i = 0; i < Changes; i++)
            {
                // From the moment each is scheduled: creating forty flags and schedules can itself take longer than a few seconds.
                string due = (DateTimeOffset.UtcNow + TimeSpan.FromSeconds(5 + (i * 0.6))).ToString("O", CultureInfo.InvariantCulture);
                using HttpResponseMessage created = await admin.SendJsonAsync(HttpMethod.Post, "/api/v1/schedules",
                    $$"""{"dueAt":"{{due}}","change":{"kind":"flag","key":"k{{i}}","environment":"production","enabled":true} }""");
                created.StatusCode.ShouldBe(HttpStatusCode.Created, await created.Content.ReadAsStringAsync(ct));
                if (i % 8 == 3)
                {
                    long id = (await created.JsonAsync()).GetProperty("id").GetInt64();
                    (await admin.SendJsonAsync(HttpMethod.Post, $"/api/v1/schedules/{id}/cancel", """{"reason":"not this one"}""")).StatusCode.ShouldBe(HttpStatusCode.OK);
                    cancelled.Add(i);
                }
            }
        }

        for (int kill = 0; kill < Kills; kill++)
        {
            await Task.Delay(random.Next(0, 400), ct);
            Kill(process);
            (process, address) = await StartAsync(data.Path, ct);
        }

        using HttpClient client = Client(address);
        // After the last kill the survivor finishes what is left.
        for (int wait = 0; wait < 300 && (await (await client.GetPathAsync("/api/v1/schedules?status=pending&limit=200")).JsonAsync()).GetArrayLength() > 0; wait++)
        {
            await Task.Delay(200, ct);
        }

        try
        {
            for (int i = 0; i < Changes; i++)
            {
                JsonElement audit = await (await client.GetPathAsync($"/api/v1/audit?kind=flag&key=k{i}&limit=50")).JsonAsync();
                string[] actions = [.. audit.EnumerateArray().Select(e => e.GetProperty("action").GetString()!)];
                JsonElement flag = await (await client.GetPathAsync($"/api/v1/flags/k{i}")).JsonAsync();
                bool on = flag.GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("enabled").GetBoolean();
                if (cancelled.Contains(i))
                {
                    actions.ShouldBe(["schedule.cancel", "schedule.create", "create"], $"k{i}");
                    (flag.GetProperty("version").GetInt64(), on).ShouldBe((1L, false), $"k{i}");
                }
                else
                {
                    actions.ShouldBe(["schedule.apply", "toggle", "schedule.create", "create"], $"k{i}");
                    (flag.GetProperty("version").GetInt64(), on).ShouldBe((2L, true), $"k{i}");
                }
            }

            JsonElement schedules = await (await client.GetPathAsync("/api/v1/schedules?limit=200")).JsonAsync();
            schedules.EnumerateArray().Count(s => s.GetProperty("status").GetString() == "applied").ShouldBe(Changes - cancelled.Count);
            schedules.EnumerateArray().Count(s => s.GetProperty("status").GetString() == "cancelled").ShouldBe(cancelled.Count);
            TestContext.Current.SendDiagnosticMessage($"{Kills} kills, {Changes} changes, {watch.Elapsed.TotalSeconds:0} s");
        }
        finally
        {
            Kill(process);
        }
    }

    private static async Task<(Process, Uri)> StartAsync(string dataPath, CancellationToken cancellationToken) =>
        await ChildServer.StartAsync(
            ["--data", dataPath, "--Auth:BootstrapAdminKey", FailSmartFactory.AdminKey],
            new Dictionary<string, string>
            {
                ["FAILSMART_Schedules__Interval"] = "00:00:00.100",
                // A random pause of up to 30 ms between picking a due change and applying it, for the kills to land in.
                ["FAILSMART_Schedules__TestDelayBeforeApply"] = "00:00:00.030",
            },
            cancellationToken);

    /// <summary>SIGKILL: no shutdown hooks, no flush.</summary>
    private static void Kill(Process process)
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
        process.Dispose();
    }

    private static HttpClient Client(Uri address)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", FailSmartFactory.AdminKey);
        return client;
    }
}
