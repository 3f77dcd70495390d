namespace FailSmart.LoadTests;

/// <summary>Starts a server with the example configuration and a client key, for wrk or the SSE test to load; stops on Ctrl+C, SIGTERM or (for a parent process) the end of its input.</summary>
internal static class OfrepSetup
{
    public static async Task<int> RunAsync(int port = 5099, bool stopAtEndOfInput = false)
    {
        await using LoadServer server = await LoadServer.StartAsync(port);
        string key = await server.CreateKeyAsync("client", "production");
        Console.WriteLine($"URL={server.Address}ofrep/v1/evaluate/flags/new-checkout");
        Console.WriteLine($"KEY={key}");
        Console.WriteLine($"BASE={server.Address}");
        Console.Out.Flush();
        using var stop = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.Cancel(); };
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
            System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
        if (stopAtEndOfInput)
        {
            // A parent process stops its child server by closing the child's input.
            _ = Task.Run(async () =>
            {
                while (await Console.In.ReadLineAsync() is not null)
                {
                }

                await stop.CancelAsync();
            });
        }

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
