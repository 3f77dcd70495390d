using FailSmart.Server;

// The server's own entry point; `failsmart serve` hosts the same application in-process.
return await FailSmartServer.RunAsync(args);

/// <summary>Entry point type, public so functional tests can host it with WebApplicationFactory.</summary>
public partial class Program;
