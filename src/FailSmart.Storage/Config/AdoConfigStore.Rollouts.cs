using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Config;

/// <summary>Guarded rollouts: their state, each transition with its flag write and audit entry, and leases.</summary>
public abstract partial class AdoConfigStore : IRolloutStore
{
    private const string RolloutColumns =
        "environment, flag, rule, status, stage_index, stage_started_at, phase, last_move, last_reason, last_readings, looked_at, approved_by, version, updated_at";

    public async Task<IReadOnlyList<RolloutState>> ListRolloutsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {RolloutColumns} FROM rollouts ORDER BY environment, flag, rule");
        return await ReadRolloutsAsync(command, cancellationToken);
    }

    public async Task<RolloutState?> GetRolloutAsync(RolloutKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadRolloutAsync(connection, null, key, lockRow: false, cancellationToken);
    }

    public async Task<RolloutTransitionOutcome> TransitionRolloutAsync(RolloutTransition transition, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(transition);
        RolloutState next = transition.State;
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);

        // Every early return leaves the transaction uncommitted, so it rolls back when disposed.
        RolloutState? current = await ReadRolloutAsync(connection, transaction, next.Key, lockRow: true, cancellationToken);
        if ((current?.Version ?? 0) != next.Version)
        {
            return new RolloutTransitionOutcome(RolloutTransitionStatus.StateChanged, current, 0);
        }

        string? before = null;
        string? after = null;
        string now = Now();
        if (transition.Flag is { } write)
        {
            StoredResource? flag = await ReadResourceAsync(connection, transaction, ResourceKind.Flag, write.Key, lockRow: true, cancellationToken);
            if (flag is null || flag.Archived || write.ExpectedVersion is long expected && expected != flag.Version)
            {
                return new RolloutTransitionOutcome(RolloutTransitionStatus.FlagChanged, current, 0);
            }

            await using (DbCommand update = Command(connection, transaction,
                "UPDATE resources SET version = version + 1, document = @document, updated_at = @now WHERE kind = @kind AND key = @key",
                ("document", write.Document), ("now", now), ("kind", KindName(ResourceKind.Flag)), ("key", write.Key)))
            {
                await update.ExecuteNonQueryAsync(cancellationToken);
            }

            (before, after) = (flag.Document, write.Document);
        }

        long? revision = await AdvanceRevisionAsync(connection, transaction, transition.Flag?.ValidatedAtRevision, cancellationToken);
        if (revision is null)
        {
            return new RolloutTransitionOutcome(RolloutTransitionStatus.ConfigurationChanged, current, 0);
        }

        RolloutState stored = next with { Version = next.Version + 1, UpdatedAt = ParseTimestamp(now) };
        string sql = current is null
            ? $"INSERT INTO rollouts ({RolloutColumns}) VALUES (@environment, @flag, @rule, @status, @stage, @started, @phase, @move, @reason, @readings, @looked, @approved, @version, @now) " +
              "ON CONFLICT (environment, flag, rule) DO NOTHING"
            : "UPDATE rollouts SET status = @status, stage_index = @stage, stage_started_at = @started, phase = @phase, last_move = @move, last_reason = @reason, " +
              "last_readings = @readings, looked_at = @looked, approved_by = @approved, version = @version, updated_at = @now " +
              "WHERE environment = @environment AND flag = @flag AND rule = @rule";
        await using (DbCommand upsert = Command(connection, transaction, sql, RolloutParameters(stored, now)))
        {
            // A start that another replica committed first (PostgreSQL reads no row to lock for a new one) loses here.
            if (await upsert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return new RolloutTransitionOutcome(RolloutTransitionStatus.StateChanged, null, 0);
            }
        }

        await InsertAuditAsync(connection, transaction, transition.Actor, transition.Action, KindName(ResourceKind.Flag), next.Key.Flag, next.Key.Environment,
            before, after, transition.Reason, revision.Value, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return new RolloutTransitionOutcome(RolloutTransitionStatus.Committed, stored, revision.Value);
    }

    public async Task<RolloutState?> RecordLookAsync(RolloutState state, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(state);
        string now = Now();
        RolloutState stored = state with { Version = state.Version + 1, UpdatedAt = ParseTimestamp(now) };
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        (string, object?)[] parameters = [.. RolloutParameters(stored, now), ("expected", state.Version)];
        await using DbCommand update = Command(connection, null,
            "UPDATE rollouts SET last_move = @move, last_reason = @reason, last_readings = @readings, looked_at = @looked, version = @version, updated_at = @now " +
            "WHERE environment = @environment AND flag = @flag AND rule = @rule AND version = @expected",
            parameters);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 0 ? null : stored;
    }

    public async Task<bool> TryAcquireLeaseAsync(string name, string holder, DateTimeOffset now, DateTimeOffset expiresAt, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(holder);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        await using (DbCommand insert = Command(connection, transaction,
            "INSERT INTO leases (name, holder, expires_at) VALUES (@name, '', @epoch) ON CONFLICT (name) DO NOTHING",
            ("name", name), ("epoch", Timestamp(DateTimeOffset.UnixEpoch))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        // The condition is re-checked on the locked row, so of two replicas at most one takes a lease.
        int taken;
        await using (DbCommand take = Command(connection, transaction,
            "UPDATE leases SET holder = @holder, expires_at = @expires WHERE name = @name AND (holder = @holder OR expires_at <= @now)",
            ("holder", holder), ("expires", Timestamp(expiresAt)), ("name", name), ("now", Timestamp(now))))
        {
            taken = await take.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return taken == 1;
    }

    public async Task ReleaseLeaseAsync(string name, string holder, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand release = Command(connection, null,
            "UPDATE leases SET expires_at = @epoch WHERE name = @name AND holder = @holder",
            ("epoch", Timestamp(DateTimeOffset.UnixEpoch)), ("name", name), ("holder", holder));
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    private static (string, object?)[] RolloutParameters(RolloutState state, string now) =>
    [
        ("environment", state.Key.Environment), ("flag", state.Key.Flag), ("rule", state.Key.Rule), ("status", RolloutStatusName(state.Status)),
        ("stage", state.StageIndex), ("started", Timestamp(state.StageStartedAt)), ("phase", state.Phase), ("move", state.LastMove),
        ("reason", state.LastReason), ("readings", state.LastReadings), ("looked", state.LookedAt is { } looked ? Timestamp(looked) : null),
        ("approved", state.ApprovedBy), ("version", state.Version), ("now", now),
    ];

    private async Task<RolloutState?> ReadRolloutAsync(
        DbConnection connection, DbTransaction? transaction, RolloutKey key, bool lockRow, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction,
            $"SELECT {RolloutColumns} FROM rollouts WHERE environment = @environment AND flag = @flag AND rule = @rule" + (lockRow ? _dialect.LockRowSuffix : ""),
            ("environment", key.Environment), ("flag", key.Flag), ("rule", key.Rule));
        IReadOnlyList<RolloutState> found = await ReadRolloutsAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<RolloutState>> ReadRolloutsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var states = new List<RolloutState>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            states.Add(new RolloutState(
                new RolloutKey(reader.GetString(0), reader.GetString(1), reader.GetString(2)),
                ParseRolloutStatus(reader.GetString(3)),
                Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture),
                ParseTimestamp(reader.GetString(5)),
                Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture),
                OptionalString(reader, 7),
                OptionalString(reader, 8),
                OptionalString(reader, 9),
                ParseOptionalTimestamp(reader, 10),
                OptionalString(reader, 11),
                Convert.ToInt64(reader.GetValue(12), CultureInfo.InvariantCulture),
                ParseTimestamp(reader.GetString(13))));
        }

        return states;
    }

    /// <summary>The stored name of a status: lower case and hyphenated ("awaiting-approval"), stable across releases.</summary>
    public static string RolloutStatusName(RolloutStatus status) => status switch
    {
        RolloutStatus.Running => "running",
        RolloutStatus.AwaitingApproval => "awaiting-approval",
        RolloutStatus.Paused => "paused",
        RolloutStatus.RolledBack => "rolled-back",
        RolloutStatus.Completed => "completed",
        RolloutStatus.HoldbackEnded => "holdback-ended",
        _ => throw new ArgumentOutOfRangeException(nameof(status), status, null),
    };

    /// <summary>The status a stored (or typed) name stands for; null when it names none.</summary>
    public static RolloutStatus? TryParseRolloutStatus(string name) =>
        Enum.GetValues<RolloutStatus>().Cast<RolloutStatus?>().FirstOrDefault(s => RolloutStatusName(s!.Value) == name);

    private static RolloutStatus ParseRolloutStatus(string name) =>
        TryParseRolloutStatus(name) ?? throw new StorageException(StorageErrorCode.CorruptDatabase, $"The rollout status '{name}' is not one this release knows.");
}
