namespace FailSmart.Server.Hosting;

/// <summary>Configuration sources and defaults that make `dotnet run` work with no set-up.</summary>
internal static class ServerConfiguration
{
    /// <summary>The environment variable that names the data folder.</summary>
    public const string DataEnvironmentVariable = "FAILSMART_DATA";

    private static readonly Dictionary<string, string> s_switchMappings = new(StringComparer.Ordinal)
    {
        ["--data"] = "Storage:DataPath",
    };

    public static void Apply(WebApplicationBuilder builder, string[] args)
    {
        // Precedence, lowest to highest: appsettings, FAILSMART_* variables, FAILSMART_DATA, the command line.
        builder.Configuration.AddEnvironmentVariables("FAILSMART_");
        string? dataFromEnvironment = Environment.GetEnvironmentVariable(DataEnvironmentVariable);
        if (!string.IsNullOrWhiteSpace(dataFromEnvironment))
        {
            builder.Configuration.AddInMemoryCollection([new("Storage:DataPath", dataFromEnvironment)]);
        }

        builder.Configuration.AddCommandLine(args, s_switchMappings);

        if (string.IsNullOrEmpty(builder.Configuration["urls"]) &&
            string.IsNullOrEmpty(builder.Configuration["http_ports"]) &&
            string.IsNullOrEmpty(builder.Configuration["https_ports"]))
        {
            builder.WebHost.UseUrls(FailSmartServer.DefaultUrl);
        }

        // Framework chatter stays out of the way of FailSmart's own messages; appsettings can override.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);

        builder.Services.Configure<HostOptions>(options => options.ShutdownTimeout = TimeSpan.FromSeconds(15));
        builder.Services.AddOptions<StorageOptions>()
            .BindConfiguration(StorageOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
    }
}
