using System.Data.Common;
using System.Globalization;
using FailSmart.Storage.Migrations;

namespace FailSmart.Storage.Config;

/// <summary>
/// The configuration store over any ADO.NET engine. SQLite and PostgreSQL share this code and differ
/// only in their <see cref="SqlDialect"/> and migrations, so they cannot drift apart in behaviour.
/// </summary>
public abstract partial class AdoConfigStore : IConfigStore, IAccountStore, IChangeRequestStore
{
    private readonly SqlDialect _dialect;
    private int _schemaVersion;

    protected AdoConfigStore(SqlDialect dialect, TimeProvider timeProvider)
    {
        _dialect = dialect;
        TimeProvider = timeProvider;
    }

    public string Role => "config";

    public abstract string Provider { get; }

    protected TimeProvider TimeProvider { get; }

    /// <summary>The adapter's schema steps.</summary>
    protected abstract IReadOnlyList<Migration> Migrations { get; }

    /// <summary>Says where the data is, for health output; never a password.</summary>
    protected abstract string Location { get; }

    public virtual async Task<int> InitializeAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        _schemaVersion = await MigrationRunner.ApplyAsync(connection, Migrations, "configuration", TimeProvider, cancellationToken);
        return _schemaVersion;
    }

    public async Task<StoreHealth> CheckHealthAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
            await ScalarAsync(connection, null, "SELECT 1", cancellationToken);
            return new StoreHealth(true, _schemaVersion, Location);
        }
        catch (DbException ex)
        {
            return new StoreHealth(false, _schemaVersion, ex.Message);
        }
    }

    public async Task<IReadOnlyList<string>> ListEnvironmentKeysAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, "SELECT key FROM environments ORDER BY position");
        var keys = new List<string>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            keys.Add(reader.GetString(0));
        }

        return keys;
    }

    public async Task<long> GetRevisionAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadRevisionAsync(connection, null, cancellationToken);
    }

    protected static DbCommand Command(DbConnection connection, DbTransaction? transaction, string sql, params (string Name, object? Value)[] parameters)
    {
        DbCommand command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach ((string name, object? value) in parameters)
        {
            DbParameter parameter = command.CreateParameter();
            parameter.ParameterName = name;
            parameter.Value = value ?? DBNull.Value;
            if (value is null)
            {
                parameter.DbType = System.Data.DbType.String; // typed nulls keep PostgreSQL from guessing
            }

            command.Parameters.Add(parameter);
        }

        return command;
    }

    protected static async Task<object?> ScalarAsync(DbConnection connection, DbTransaction? transaction, string sql, CancellationToken cancellationToken, params (string, object?)[] parameters)
    {
        await using DbCommand command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    private static async Task<long> ReadRevisionAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT revision FROM config_revision WHERE id = 1", cancellationToken), CultureInfo.InvariantCulture);

    private static async Task<long> AdvanceRevisionAsync(DbConnection connection, DbTransaction transaction, CancellationToken cancellationToken) =>
        (await AdvanceRevisionAsync(connection, transaction, null, cancellationToken))!.Value;

    /// <summary>
    /// The next revision, or null when <paramref name="expected"/> is given and the revision moved past
    /// it. Conditional on the row itself, so concurrent writers serialise on it (PostgreSQL re-checks
    /// the condition after the other writer commits; SQLite writers are serialised already).
    /// </summary>
    private static async Task<long?> AdvanceRevisionAsync(DbConnection connection, DbTransaction transaction, long? expected, CancellationToken cancellationToken)
    {
        string sql = expected is null
            ? "UPDATE config_revision SET revision = revision + 1 WHERE id = 1"
            : "UPDATE config_revision SET revision = revision + 1 WHERE id = 1 AND revision = @expected";
        await using (DbCommand bump = expected is null ? Command(connection, transaction, sql) : Command(connection, transaction, sql, ("expected", expected.Value)))
        {
            if (await bump.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return null;
            }
        }

        return await ReadRevisionAsync(connection, transaction, cancellationToken);
    }

    private string Now() => Timestamp(TimeProvider.GetUtcNow());

    private static string Timestamp(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    private static DateTimeOffset ParseTimestamp(string value) =>
        DateTimeOffset.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    private static DateTimeOffset? ParseOptionalTimestamp(DbDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : ParseTimestamp(reader.GetString(ordinal));

    private static string? OptionalString(DbDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
