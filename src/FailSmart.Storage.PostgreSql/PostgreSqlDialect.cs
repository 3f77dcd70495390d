using System.Data.Common;
using FailSmart.Storage.Config;
using Npgsql;

namespace FailSmart.Storage.PostgreSql;

/// <summary>PostgreSQL: writers lock the row they change (SELECT … FOR UPDATE); the revision row serialises commits.</summary>
internal sealed class PostgreSqlDialect(NpgsqlDataSource dataSource) : SqlDialect
{
    public override string LockRowSuffix => " FOR UPDATE";

    public override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await dataSource.OpenConnectionAsync(cancellationToken);
}
