namespace FailSmart.LoadTests;

/// <summary>Starts a server with the example configuration and a client key, for wrk to load; stops on Enter or Ctrl+C.</summary>
internal static class OfrepSetup
{
    public static async Task<int> RunAsync()
    {
        await using LoadServer server = await LoadServer.StartAsync(5099);
        string key = await server.CreateKeyAsync("client", "production");
        Console.WriteLine($"URL={server.Address}ofrep/v1/evaluate/flags/new-checkout");
        Console.WriteLine($"KEY={key}");
        Console.Out.Flush();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // stopping
        }

        return 0;
    }
}
