using FailSmart.Storage.Config;
using FailSmart.Storage.Migrations;
using Npgsql;

namespace FailSmart.Storage.PostgreSql;

/// <summary>The configuration store on PostgreSQL, so several server replicas can share one configuration.</summary>
public sealed class PostgreSqlConfigStore : AdoConfigStore, IRevisionFeed, IAsyncDisposable
{
    private readonly NpgsqlDataSource _dataSource;

    // As given: the data source's copy leaves out the password, which the listening connection needs.
    private readonly string _connectionString;
    private readonly string _server;
    private readonly string? _database;
    private readonly string _location;
    private readonly string? _user;

    public PostgreSqlConfigStore(string connectionString, TimeProvider timeProvider)
        : this(CreateDataSource(connectionString), connectionString, timeProvider)
    {
    }

    private PostgreSqlConfigStore(NpgsqlDataSource dataSource, string connectionString, TimeProvider timeProvider)
        : base(new PostgreSqlDialect(dataSource), timeProvider)
    {
        _dataSource = dataSource;
        _connectionString = connectionString;
        var builder = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        _server = $"{builder.Host}:{builder.Port}";
        _database = builder.Database;
        _location = $"{_server}/{_database}";
        _user = builder.Username;
    }

    public override string Provider => "postgresql";

    protected override IReadOnlyList<Migration> Migrations => PostgreSqlConfigMigrations.All;

    protected override string Location => _location;

    /// <summary>
    /// Creates or upgrades the schema while holding the database's migration lock, so replicas started
    /// together take turns; the runner reads the applied version only once it holds the lock.
    /// </summary>
    public override async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using PostgreSqlMigrationLock held = await PostgreSqlMigrationLock.AcquireAsync(_dataSource, cancellationToken);
            return await base.InitializeAsync(cancellationToken);
        }
        catch (NpgsqlException ex) when (ex.IsTransient)
        {
            throw new StorageException(
                StorageErrorCode.Unavailable,
                $"PostgreSQL at {_location} did not answer ({ex.Message}). Check Storage:Config:ConnectionString and that the server is running.",
                ex);
        }
        catch (NpgsqlException ex)
        {
            throw PostgreSqlStartupErrors.Refused(ex, _server, _database, _user);
        }
    }

    /// <summary>Listens on a connection of its own for the revisions other processes commit.</summary>
    public async Task<IRevisionSubscription> SubscribeAsync(CancellationToken cancellationToken = default) =>
        await PostgreSqlRevisionSubscription.OpenAsync(_connectionString, cancellationToken);

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        try
        {
            return NpgsqlDataSource.Create(connectionString);
        }
        catch (ArgumentException ex)
        {
            // Npgsql names the bad keyword or value; the message never includes the password.
            throw new StorageException(
                StorageErrorCode.Misconfigured,
                $"Storage:Config:ConnectionString is not a PostgreSQL connection string ({ex.Message}). " +
                "Write it as Host=…;Port=5432;Database=…;Username=…;Password=….",
                ex);
        }
    }
}
