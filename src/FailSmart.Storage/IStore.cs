namespace FailSmart.Storage;

/// <summary>What every store can say about itself: what it is, and whether it answers.</summary>
public interface IStore
{
    /// <summary>The role of the store ("config" or "events").</summary>
    string Role { get; }

    /// <summary>The engine behind it ("sqlite", "duckdb", …).</summary>
    string Provider { get; }

    /// <summary>Creates or upgrades the schema. Called once at start-up, before any other use.</summary>
    Task<int> InitializeAsync(CancellationToken cancellationToken = default);

    /// <summary>Runs a trivial query against the engine.</summary>
    Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default);
}
