using System.Globalization;

namespace FailSmart.Client.Tests;

/// <summary>
/// The child process of the write-ahead crash test: four threads track events in write-ahead mode, each with
/// its own id, and print the id once Track has returned, until the process is killed.
/// </summary>
internal static class WriteAheadProbe
{
    public const string Command = "write-ahead-probe";
    public const string EventName = "wal-probe";

    public static int Run(string[] args)
    {
        (Uri url, string key, string folder) = (new Uri(args[0]), args[1], args[2]);
        IFailSmartClient client = Options(new FailSmartClientBuilder().WithServer(url, key), folder).Build();
        Thread[] threads = [.. Enumerable.Range(0, 4).Select(t => new Thread(() =>
        {
            for (int i = 0; ; i++)
            {
                string id = string.Create(CultureInfo.InvariantCulture, $"probe-{t}-{i}");
                client.Track("u-" + (i % 50), EventName, i, eventId: id);
                Console.Out.WriteLine(id);
            }
        }) { IsBackground = true })];
        foreach (Thread thread in threads)
        {
            thread.Start();
        }

        Thread.Sleep(Timeout.Infinite); // until killed
        return 0;
    }

    /// <summary>The options of the child and of the client that starts after it on the same folder.</summary>
    public static FailSmartClientBuilder Options(FailSmartClientBuilder builder, string folder) => builder.Configure(o =>
    {
        o.EventBufferDirectory = folder;
        o.EventDurability = EventDurability.WriteAhead;
        o.MaxBatchSize = 100;
        o.FlushInterval = TimeSpan.FromMinutes(1); // only full batches go before the kill: the rest is in the log alone
        o.EvaluationInsights = false;
    });
}
