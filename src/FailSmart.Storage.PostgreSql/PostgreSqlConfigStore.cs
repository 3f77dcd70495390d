using FailSmart.Storage.Config;
using FailSmart.Storage.Migrations;
using Npgsql;

namespace FailSmart.Storage.PostgreSql;

/// <summary>The configuration store on PostgreSQL, so several server replicas can share one configuration.</summary>
public sealed class PostgreSqlConfigStore : AdoConfigStore, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _location;

    public PostgreSqlConfigStore(string connectionString, TimeProvider timeProvider)
        : this(NpgsqlDataSource.Create(connectionString), timeProvider)
    {
    }

    private PostgreSqlConfigStore(NpgsqlDataSource dataSource, TimeProvider timeProvider)
        : base(new PostgreSqlDialect(dataSource), timeProvider)
    {
        _dataSource = dataSource;
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        _location = $"{builder.Host}:{builder.Port}/{builder.Database}";
    }

    public override string Provider => "postgresql";

    protected override IReadOnlyList<Migration> Migrations => PostgreSqlConfigMigrations.All;

    protected override string Location => _location;

    public override async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await base.InitializeAsync(cancellationToken);
        }
        catch (NpgsqlException ex) when (ex.IsTransient)
        {
            throw new StorageException(
                StorageErrorCode.Unavailable,
                $"PostgreSQL at {_location} did not answer ({ex.Message}). Check Storage:Config:ConnectionString and that the server is running.",
                ex);
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();
}
