using FailSmart.Storage;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Hosting;

/// <summary>
/// The data folder, prepared only when an embedded store (SQLite, DuckDB) asks for it: a replica on
/// PostgreSQL and ClickHouse writes nothing locally, so it leaves no empty folder behind.
/// </summary>
internal sealed class EmbeddedDataFolder(IOptions<StorageOptions> options)
{
    private readonly Lazy<DataFolder> _folder = new(() => DataFolder.Prepare(options.Value.DataPath));

    /// <summary>The folder, created and proven writable on first use.</summary>
    public DataFolder Folder => _folder.Value;

    /// <summary>The folder when a store has used it, else null.</summary>
    public DataFolder? UsedOrNull => _folder.IsValueCreated ? _folder.Value : null;
}
