using System.Data.Common;
using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;

namespace FailSmart.Storage.Config;

/// <summary>Accounts for the web UI.</summary>
public abstract partial class AdoConfigStore
{
    private const string AccountColumns =
        "id, user_name, display_name, password_hash, role, failed_attempts, lockout_end, security_stamp, created_at, updated_at, environments";

    public async Task<bool> AnyAccountAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await CountAccountsAsync(connection, null, cancellationToken) > 0;
    }

    public Task<bool> CreateFirstAdminAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        if (account.Role != AccountRole.Admin)
        {
            throw new ArgumentException("The first account must be an administrator.", nameof(account));
        }

        return InsertAccountAsync(account, account.UserName, onlyIfNone: true, cancellationToken);
    }

    public Task<bool> CreateAccountAsync(UserAccount account, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        return InsertAccountAsync(account, actor, onlyIfNone: false, cancellationToken);
    }

    public async Task<UserAccount?> GetAccountAsync(string id, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {AccountColumns} FROM users WHERE id = @id", ("id", id));
        IReadOnlyList<UserAccount> accounts = await ReadAccountsAsync(command, cancellationToken);
        return accounts.Count == 0 ? null : accounts[0];
    }

    public async Task<UserAccount?> FindAccountByUserNameAsync(string userName, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {AccountColumns} FROM users WHERE user_name = @name", ("name", userName));
        IReadOnlyList<UserAccount> accounts = await ReadAccountsAsync(command, cancellationToken);
        return accounts.Count == 0 ? null : accounts[0];
    }

    public async Task<IReadOnlyList<UserAccount>> ListAccountsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {AccountColumns} FROM users ORDER BY user_name");
        return await ReadAccountsAsync(command, cancellationToken);
    }

    public async Task<bool> UpdateAccountAsync(UserAccount account, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(account);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand update = Command(connection, null,
            "UPDATE users SET display_name = @display, password_hash = @hash, role = @role, failed_attempts = @failed, lockout_end = @lockout, security_stamp = @stamp, updated_at = @updated, environments = @environments WHERE id = @id",
            ("display", account.DisplayName), ("hash", account.PasswordHash), ("role", RoleName(account.Role)), ("failed", account.FailedAttempts),
            ("lockout", account.LockoutEnd is { } l ? Timestamp(l) : null), ("stamp", account.SecurityStamp), ("updated", Now()),
            ("environments", EnvironmentsJson(account.Environments)), ("id", account.Id));
        return await update.ExecuteNonQueryAsync(cancellationToken) > 0;
    }

    public async Task<bool> ChangeAccountAccessAsync(
        string id, AccountRole role, IReadOnlyList<string>? environments, string actor, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        UserAccount? current;
        await using (DbCommand read = Command(connection, transaction, $"SELECT {AccountColumns} FROM users WHERE id = @id" + _dialect.LockRowSuffix, ("id", id)))
        {
            IReadOnlyList<UserAccount> found = await ReadAccountsAsync(read, cancellationToken);
            current = found.Count == 0 ? null : found[0];
        }

        if (current is null)
        {
            return false;
        }

        // A new stamp ends every session that still carries the old role.
        string stamp = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        await using (DbCommand update = Command(connection, transaction,
            "UPDATE users SET role = @role, environments = @environments, security_stamp = @stamp, updated_at = @updated WHERE id = @id",
            ("role", RoleName(role)), ("environments", EnvironmentsJson(environments)), ("stamp", stamp), ("updated", Now()), ("id", id)))
        {
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "user.access", "user", id, null,
            AccessJson(current.Role, current.Environments), AccessJson(role, environments), null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static string AccessJson(AccountRole role, IReadOnlyList<string>? environments) =>
        JsonSerializer.Serialize(new Dictionary<string, object?> { ["role"] = RoleName(role), ["environments"] = environments });

    /// <summary>A JSON array of environment keys, or null for all environments.</summary>
    private static string? EnvironmentsJson(IReadOnlyList<string>? environments) =>
        environments is null ? null : JsonSerializer.Serialize(environments);

    private async Task<bool> InsertAccountAsync(UserAccount account, string actor, bool onlyIfNone, CancellationToken cancellationToken)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);

        // Advancing the revision first takes the row lock that serialises writers (PostgreSQL waits on it;
        // SQLite's write transaction is exclusive already), so the checks below see every committed account.
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        if (onlyIfNone && await CountAccountsAsync(connection, transaction, cancellationToken) > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        if (Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM users WHERE user_name = @name", cancellationToken, ("name", account.UserName)), CultureInfo.InvariantCulture) > 0)
        {
            await transaction.RollbackAsync(cancellationToken);
            return false;
        }

        string now = Now();
        await using (DbCommand insert = Command(connection, transaction,
            $"INSERT INTO users ({AccountColumns}) VALUES (@id, @name, @display, @hash, @role, 0, NULL, @stamp, @created, @updated, @environments)",
            ("id", account.Id), ("name", account.UserName), ("display", account.DisplayName), ("hash", account.PasswordHash),
            ("role", RoleName(account.Role)), ("stamp", account.SecurityStamp), ("created", now), ("updated", now),
            ("environments", EnvironmentsJson(account.Environments))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The audit entry names the account, never its password hash.
        string after = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["userName"] = account.UserName,
            ["displayName"] = account.DisplayName,
            ["role"] = RoleName(account.Role),
            ["environments"] = account.Environments,
        });
        await InsertAuditAsync(connection, transaction, actor, "user.create", "user", account.Id, null, null, after, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    private static async Task<long> CountAccountsAsync(DbConnection connection, DbTransaction? transaction, CancellationToken cancellationToken) =>
        Convert.ToInt64(await ScalarAsync(connection, transaction, "SELECT COUNT(*) FROM users", cancellationToken), CultureInfo.InvariantCulture);

    private static string RoleName(AccountRole role) => role.ToString().ToLowerInvariant();

    private static async Task<IReadOnlyList<UserAccount>> ReadAccountsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var accounts = new List<UserAccount>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            accounts.Add(new UserAccount(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                Enum.Parse<AccountRole>(reader.GetString(4), ignoreCase: true),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture), ParseOptionalTimestamp(reader, 6),
                reader.GetString(7), ParseTimestamp(reader.GetString(8)), ParseTimestamp(reader.GetString(9)),
                reader.IsDBNull(10) ? null : JsonSerializer.Deserialize<string[]>(reader.GetString(10))));
        }

        return accounts;
    }
}
