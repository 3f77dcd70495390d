using System.Collections.Concurrent;
using System.Diagnostics;
using FailSmart.Testing;

namespace FailSmart.Client.Tests;

/// <summary>Write-ahead durability: a process killed while it tracks events loses none whose Track returned.</summary>
public sealed class WriteAheadCrashTests
{
    [Fact]
    public async Task Track_in_write_ahead_mode_killed_with_SIGKILL_stores_every_returned_event_once_after_a_restart()
    {
        CancellationToken ct = TestContext.Current.CancellationToken;
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using TestServer _ = server;
        using var folder = new TemporaryFolder();

        var returned = new ConcurrentQueue<string>();
        var info = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string argument in new[] { Path.Combine(AppContext.BaseDirectory, "FailSmart.Client.Tests.dll"), WriteAheadProbe.Command, server.Url.ToString(), key, folder.Path })
        {
            info.ArgumentList.Add(argument);
        }

        using Process child = Process.Start(info)!;
        child.OutputDataReceived += (_, e) =>
        {
            if (e.Data is { Length: > 0 } id)
            {
                returned.Enqueue(id);
            }
        };
        child.BeginOutputReadLine();
        child.BeginErrorReadLine();
        await Eventually.TrueAsync(() => returned.Count >= 2_000, "the child tracked 2,000 events", seconds: 90);
        child.Kill(); // SIGKILL: no shutdown, no flush
        await child.WaitForExitAsync(ct);

        long inLogAlone = Directory.EnumerateFiles(folder.Path, "*.wal").Sum(f => File.ReadLines(f).Count());
        await using (IFailSmartClient restarted = WriteAheadProbe.Options(new FailSmartClientBuilder().WithServer(server.Url, key), folder.Path).Build())
        {
            (await restarted.FlushAsync(ct)).ShouldBeTrue();
        }

        await server.StopAsync();
        Dictionary<string, long> stored = StoredEvents.MetricIdCounts(server.DataPath, WriteAheadProbe.EventName);
        string[] acknowledged = [.. returned];
        inLogAlone.ShouldBeGreaterThan(0, "some returned events were on disk and not yet sent when the process died");
        acknowledged.Where(id => !stored.ContainsKey(id)).ShouldBeEmpty("every event whose Track returned is stored");
        stored.Where(pair => pair.Value != 1).ShouldBeEmpty("each event is stored once");
        Console.WriteLine($"returned {acknowledged.Length}, in the log alone at the kill {inLogAlone}, stored {stored.Count}");
    }
}
