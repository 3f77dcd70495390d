using Npgsql;

namespace FailSmart.Storage.PostgreSql;

/// <summary>
/// Serialises schema upgrades across processes: replicas started together on one database would otherwise
/// run the same CREATE statements at once, and all but one would fail on the catalog's unique indexes. A
/// session-level advisory lock on its own connection: a process killed mid-upgrade drops the connection,
/// PostgreSQL rolls its migration back and releases the lock, and the next replica completes the schema.
/// </summary>
internal sealed class PostgreSqlMigrationLock : IAsyncDisposable
{
    /// <summary>Any fixed number; advisory locks are per database, so FailSmarts on other databases never wait on it.</summary>
    internal const long Key = 0x4661_696C_536D_6172; // "FailSmar"

    private readonly NpgsqlConnection _connection;

    private PostgreSqlMigrationLock(NpgsqlConnection connection) => _connection = connection;

    /// <summary>Waits until no other process is upgrading this database, then holds the lock until disposed.</summary>
    public static async Task<PostgreSqlMigrationLock> AcquireAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        NpgsqlConnection connection = await dataSource.OpenConnectionAsync(cancellationToken);
        try
        {
            await using NpgsqlCommand take = new($"SELECT pg_advisory_lock({Key})", connection);
            await take.ExecuteNonQueryAsync(cancellationToken);
            return new PostgreSqlMigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await using NpgsqlCommand release = new($"SELECT pg_advisory_unlock({Key})", _connection);
            await release.ExecuteNonQueryAsync();
        }
        catch (NpgsqlException)
        {
            // The connection is gone, and the lock with it.
        }
        finally
        {
            // Pooled connections keep session locks; the unlock above is what matters, closing is tidiness.
            await _connection.DisposeAsync();
        }
    }
}
