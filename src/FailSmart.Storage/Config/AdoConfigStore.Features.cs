using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Config;

/// <summary>Features and their phase decisions.</summary>
public abstract partial class AdoConfigStore : IFeatureStore
{
    private const string FeatureColumns = "key, name, owner, phase, document, version, archived, created_by, created_at, updated_at";

    private const string DecisionColumns = "id, feature_key, decision, from_phase, to_phase, reason, evidence, actor, at";

    public async Task<bool> CreateFeatureAsync(FeatureRecord feature, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feature);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        await using (DbCommand insert = Command(connection, transaction,
            $"INSERT INTO features ({FeatureColumns}, name_folded) " +
            "VALUES (@key, @name, @owner, @phase, @document, 1, @archived, @createdBy, @createdAt, @createdAt, @folded) ON CONFLICT (key) DO NOTHING",
            ("key", feature.Key), ("name", feature.Name), ("owner", feature.Owner), ("phase", feature.Phase), ("document", feature.Document),
            ("archived", feature.Archived ? 1 : 0), ("createdBy", feature.CreatedBy), ("createdAt", Timestamp(feature.CreatedAt)), ("folded", FoldCase(feature.Name))))
        {
            if (await insert.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, feature.CreatedBy, "feature.create", "feature", feature.Key, null, null, feature.Document, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<FeatureRecord?> GetFeatureAsync(string key, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadFeatureAsync(connection, null, key, cancellationToken);
    }

    public async Task<IReadOnlyList<FeatureRecord>> ListFeaturesAsync(bool includeArchived, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        string where = includeArchived ? string.Empty : " WHERE archived = 0";
        await using DbCommand command = Command(connection, null, $"SELECT {FeatureColumns} FROM features{where} ORDER BY name_folded, key");
        return await ReadFeaturesAsync(command, cancellationToken);
    }

    public async Task<FeatureRecord?> UpdateFeatureAsync(
        FeatureRecord feature, long expectedVersion, string actor, string action, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(feature);
        ArgumentNullException.ThrowIfNull(actor);
        ArgumentNullException.ThrowIfNull(action);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        FeatureRecord? before = await ReadFeatureAsync(connection, transaction, feature.Key, cancellationToken);
        if (before is null || !await MoveFeatureAsync(connection, transaction, feature.Key, expectedVersion, feature.Phase, feature.Document, cancellationToken, feature))
        {
            return null;
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, action, "feature", feature.Key, null, before.Document, feature.Document, reason, revision, cancellationToken);
        FeatureRecord? after = await ReadFeatureAsync(connection, transaction, feature.Key, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return after;
    }

    public async Task<FeatureDecisionRecord?> RecordDecisionAsync(
        string key, long expectedVersion, NewFeatureDecision decision, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(decision);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        FeatureRecord? before = await ReadFeatureAsync(connection, transaction, key, cancellationToken);
        if (before is null || !await MoveFeatureAsync(connection, transaction, key, expectedVersion, decision.ToPhase, decision.Document, cancellationToken))
        {
            return null;
        }

        long id = Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO feature_decisions (feature_key, decision, from_phase, to_phase, reason, evidence, actor, at) " +
            "VALUES (@key, @decision, @from, @to, @reason, @evidence, @actor, @at) RETURNING id",
            cancellationToken,
            ("key", key), ("decision", decision.Decision), ("from", before.Phase), ("to", decision.ToPhase), ("reason", decision.Reason),
            ("evidence", decision.Evidence), ("actor", decision.Actor), ("at", Now())), CultureInfo.InvariantCulture);
        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, decision.Actor, "feature.decide", "feature", key, null, before.Document, decision.Document, decision.Reason, revision, cancellationToken);
        await using DbCommand read = Command(connection, transaction, $"SELECT {DecisionColumns} FROM feature_decisions WHERE id = @id", ("id", id));
        FeatureDecisionRecord stored = (await ReadDecisionsAsync(read, cancellationToken))[0];
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<FeatureDecisionRecord>> ListDecisionsAsync(string key, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {DecisionColumns} FROM feature_decisions WHERE feature_key = @key ORDER BY id", ("key", key));
        return await ReadDecisionsAsync(command, cancellationToken);
    }

    /// <summary>The compare-and-set on the feature's version; with <paramref name="replacement"/>, also its name, owner and archived flag.</summary>
    private async Task<bool> MoveFeatureAsync(
        DbConnection connection, DbTransaction transaction, string key, long expectedVersion, string phase, string document,
        CancellationToken cancellationToken, FeatureRecord? replacement = null)
    {
        string replaced = replacement is null ? string.Empty : ", name = @name, name_folded = @folded, owner = @owner, archived = @archived";
        var parameters = new List<(string, object?)>
        {
            ("key", key), ("expected", expectedVersion), ("phase", phase), ("document", document), ("now", Now()),
        };
        if (replacement is not null)
        {
            parameters.AddRange([("name", replacement.Name), ("folded", FoldCase(replacement.Name)), ("owner", replacement.Owner), ("archived", replacement.Archived ? 1 : 0)]);
        }

        await using DbCommand update = Command(connection, transaction,
            $"UPDATE features SET phase = @phase, document = @document, version = version + 1, updated_at = @now{replaced} WHERE key = @key AND version = @expected",
            [.. parameters]);
        return await update.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    private static async Task<FeatureRecord?> ReadFeatureAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction, $"SELECT {FeatureColumns} FROM features WHERE key = @key", ("key", key));
        IReadOnlyList<FeatureRecord> found = await ReadFeaturesAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<FeatureRecord>> ReadFeaturesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var features = new List<FeatureRecord>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            features.Add(new FeatureRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture),
                Convert.ToInt32(reader.GetValue(6), CultureInfo.InvariantCulture) != 0,
                reader.GetString(7), ParseTimestamp(reader.GetString(8)), ParseTimestamp(reader.GetString(9))));
        }

        return features;
    }

    private static async Task<IReadOnlyList<FeatureDecisionRecord>> ReadDecisionsAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var decisions = new List<FeatureDecisionRecord>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            decisions.Add(new FeatureDecisionRecord(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5), reader.GetString(6), reader.GetString(7),
                ParseTimestamp(reader.GetString(8))));
        }

        return decisions;
    }
}
