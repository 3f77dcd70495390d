using System.Data.Common;
using FailSmart.Storage.Config;
using Microsoft.Data.Sqlite;

namespace FailSmart.Storage.Sqlite;

/// <summary>SQLite: no row locks, so writers take the database write lock when they begin (BEGIN IMMEDIATE).</summary>
internal sealed class SqliteDialect(string connectionString) : SqlDialect
{
    public override string LockRowSuffix => "";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        return connection;
    }

    public override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
