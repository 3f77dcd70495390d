using FailSmart.LoadTests;

// dotnet run -c Release --project bench/FailSmart.LoadTests -- sse 1,1000,10000
// dotnet run -c Release --project bench/FailSmart.LoadTests -- ofrep-setup   (prints a URL, key and body for wrk)
// dotnet run -c Release --project bench/FailSmart.LoadTests -- ingest [events] [batch] [senders]
// dotnet run -c Release --project bench/FailSmart.LoadTests -- replicas [changes] [PostgreSQL connection string]   (default: 200, $FAILSMART_TEST_POSTGRES)
// dotnet run -c Release --project bench/FailSmart.LoadTests -- serve PORT      (the same, on PORT: the SSE test's server process)
return args.FirstOrDefault() switch
{
    "sse" => await SseFanOut.RunAsync(args.Skip(1).FirstOrDefault() ?? "1,1000"),
    "ofrep-setup" => await OfrepSetup.RunAsync(),
    "replicas" => await ReplicaPropagation.RunAsync(Arg(1, 200), args.Length > 2 ? args[2] : null),
    "ingest" => await IngestRate.RunAsync(Arg(1, 200_000), Arg(2, 1_000), Arg(3, 4)),
    "serve" => await OfrepSetup.RunAsync(int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture), stopAtEndOfInput: true),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: FailSmart.LoadTests sse <stream counts, comma-separated> | ingest [events] [batch] [senders] | replicas [changes] [connection string] | ofrep-setup | serve <port>");
    return 2;
}

int Arg(int index, int fallback) => args.Length > index ? int.Parse(args[index], System.Globalization.CultureInfo.InvariantCulture) : fallback;
