namespace FailSmart.Server.Hosting;

/// <summary>Which configuration store to use (section "Storage:Config").</summary>
public sealed class ConfigStoreOptions
{
    public const string SectionName = "Storage:Config";

    /// <summary>"sqlite" (the embedded default, in the data folder) or "postgresql".</summary>
    public string Provider { get; set; } = "sqlite";

    /// <summary>The Npgsql connection string, for "postgresql".</summary>
    public string? ConnectionString { get; set; }
}
