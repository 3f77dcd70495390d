using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.RegularExpressions;
using FailSmart.Testing;

namespace FailSmart.Server.Tests;

/// <summary>
/// The rollout engine killed with SIGKILL at random moments, many of them between reading and committing a
/// transition, and restarted on the same data: every stage is still entered exactly once and in order, each
/// transition is audited once, and the flag serves what the state says.
/// </summary>
public sealed partial class RolloutKillTests
{
    private const int Kills = 50;
    private const int Stages = 30;

    // The rollouts' clock is moved two hours on at each restart and each stage needs one: exactly one stage
    // is due whenever a server starts, so the kills are spread over the whole rollout on any machine.
    private static readonly DateTimeOffset s_origin = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static string Flag()
    {
        IEnumerable<int> percentages = Enumerable.Range(1, Stages - 1).Append(100);
        string stages = string.Join(",", percentages.Select(p => $$"""{"percentage":{{p}},"minDuration":"PT1H","minUnits":0}"""));
        return $$"""
            {"key":"killed","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],
             "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off",
               "rules":[{"id":"ramp","rollout":{"variation":"on","percentage":0,"plan":{"stages":[{{stages}}]} } }]} } }
            """;
    }

    [GeneratedRegex(@"^ramp: Stage (\d+) of \d+ ")]
    private static partial Regex StageEntered();

    private static string[] Arguments(string data, int restart, double speed, string commitPause) =>
    [
        "--data", data, "--Auth:BootstrapAdminKey", FailSmartFactory.AdminKey,
        "--Rollouts:LookInterval", "00:00:00.050",
        "--Rollouts:LeaseDuration", "00:00:00.200",
        "--Rollouts:Clock:Since", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
        "--Rollouts:Clock:Start", s_origin.AddHours(2 * restart).ToString("O", CultureInfo.InvariantCulture),
        "--Rollouts:Clock:Speed", speed.ToString(CultureInfo.InvariantCulture),
        "--Rollouts:TestCommitPause", commitPause,
    ];

    [Fact]
    public async Task Engine_killed_at_random_moments_enters_every_stage_exactly_once_and_in_order()
    {
        using var data = new TemporaryFolder();
        var random = new Random(20261207);
        var started = Stopwatch.StartNew();
        for (int kill = 0; kill < Kills; kill++)
        {
            // Each commit first waits up to 1.5 s, and the kill comes up to 1.5 s after the server answers: many land inside the move.
            (Process process, Uri address) = await ChildServer.StartAsync(Arguments(data.Path, kill, 1, "00:00:01.500"), null, Ct);
            using (process)
            {
                if (kill == 0)
                {
                    using HttpClient admin = Admin(address);
                    (await admin.PostAsync(new Uri("/api/v1/flags", UriKind.Relative), Json(Flag()), Ct)).StatusCode.ShouldBe(HttpStatusCode.Created);
                }

                await Task.Delay(random.Next(0, 1500), Ct);
                process.Kill(entireProcessTree: true); // SIGKILL: no shutdown, no flush
                await process.WaitForExitAsync(Ct);
            }
        }

        // Last start: a fast clock and no pauses, so the stages left are entered in seconds.
        DateTimeOffset killsEnded = DateTimeOffset.UtcNow;
        (Process last, Uri lastAddress) = await ChildServer.StartAsync(Arguments(data.Path, Kills, 7200, "00:00:00"), null, Ct);
        using (last)
        {
            using HttpClient admin = Admin(lastAddress);
            await WaitUntilCompletedAsync(admin);
            int advancedWhileKilled = await AssertConsistentAsync(admin, killsEnded);

            // A stage was due at each of restarts 1 to 49; those that did not advance were killed before the move committed.
            int interrupted = Kills - 1 - advancedWhileKilled;
            TestContext.Current.TestOutputHelper?.WriteLine($"{Kills} kills in {started.Elapsed.TotalSeconds:0} s; {interrupted} of them before a due move committed");
            interrupted.ShouldBeGreaterThan(0, "no kill landed inside a transition, so this run proved nothing about them");
            last.Kill(entireProcessTree: true);
        }
    }

    private static async Task WaitUntilCompletedAsync(HttpClient admin)
    {
        for (int attempt = 0; attempt < 900; attempt++)
        {
            using HttpResponseMessage response = await admin.GetAsync(new Uri("/api/v1/rollouts/production/killed/ramp", UriKind.Relative), Ct);
            if (response.StatusCode == HttpStatusCode.OK
                && JsonDocument.Parse(await response.Content.ReadAsStringAsync(Ct)).RootElement.GetProperty("status").GetString() == "completed")
            {
                return;
            }

            await Task.Delay(100, Ct);
        }

        throw new TimeoutException("The rollout did not complete within 90 s after the last restart.");
    }

    /// <summary>Checks state, flag and audit log agree; answers how many stages were entered before <paramref name="killsEnded"/>.</summary>
    private static async Task<int> AssertConsistentAsync(HttpClient admin, DateTimeOffset killsEnded)
    {
        JsonElement rollout = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/rollouts/production/killed/ramp", UriKind.Relative), Ct)).RootElement;
        JsonElement[] audit = [.. JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/audit?key=killed&limit=500", UriKind.Relative), Ct))
            .RootElement.EnumerateArray().Reverse().Where(e => e.GetProperty("action").GetString()!.StartsWith("rollout.", StringComparison.Ordinal))];

        // One audit entry per stage entered, stages 1 to 30 in order, then the completion: nothing skipped, nothing twice.
        audit.Select(e => e.GetProperty("action").GetString()).ShouldBe(["rollout.start", .. Enumerable.Repeat("rollout.advance", Stages - 1), "rollout.complete"]);
        audit.SkipLast(1).Select(e => int.Parse(StageEntered().Match(e.GetProperty("reason").GetString()!).Groups[1].Value, CultureInfo.InvariantCulture))
            .ShouldBe(Enumerable.Range(1, Stages));
        audit.Select(e => e.GetProperty("revision").GetInt64()).ShouldBeInOrder(SortDirection.Ascending);

        // The state, the flag and the audit log agree.
        (rollout.GetProperty("stage").GetInt32(), rollout.GetProperty("phase").GetInt32()).ShouldBe((Stages, Stages));
        rollout.GetProperty("servedPercentage").GetDouble().ShouldBe(100);
        rollout.GetProperty("stagePercentage").GetDouble().ShouldBe(100);
        JsonElement flag = JsonDocument.Parse(await admin.GetStringAsync(new Uri("/api/v1/flags/killed", UriKind.Relative), Ct)).RootElement;
        JsonElement served = flag.GetProperty("document").GetProperty("environments").GetProperty("production").GetProperty("rules")[0].GetProperty("rollout");
        served.GetProperty("plan").GetProperty("phase").GetInt32().ShouldBe(Stages);
        rollout.GetProperty("stages").EnumerateArray().ShouldAllBe(s => s.GetProperty("enteredAt").ValueKind == JsonValueKind.String);
        return audit.Count(e => e.GetProperty("action").GetString() == "rollout.advance" && e.GetProperty("at").GetDateTimeOffset() < killsEnded);
    }

    private static HttpClient Admin(Uri address)
    {
        var client = new HttpClient { BaseAddress = address };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", FailSmartFactory.AdminKey);
        return client;
    }

    private static StringContent Json(string json) => new(json, System.Text.Encoding.UTF8, "application/json");
}
