using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Config;

/// <summary>Shared analysis results: one per request, replaced only by a newer one, with a claim for recomputing it.</summary>
public abstract partial class AdoConfigStore : IResultStore
{
    private const int MaxResultKeyLength = 200;

    private const string ResultColumns = "key, request, document, config_revision, stored_rows, computed_at, computed_by";

    public async Task<StoredResult?> GetResultAsync(string key, CancellationToken cancellationToken = default)
    {
        CheckResultKey(key);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return await ReadResultAsync(connection, null, key, cancellationToken);
    }

    public async Task<IReadOnlyList<StoredResultRequest>> ListResultRequestsAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, "SELECT key, request, computed_at FROM results ORDER BY key");
        var requests = new List<StoredResultRequest>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            requests.Add(new StoredResultRequest(reader.GetString(0), reader.GetString(1), ParseTimestamp(reader.GetString(2))));
        }

        return requests;
    }

    public async Task<StoredResult> PutResultAsync(StoredResult result, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        CheckResultKey(result.Key);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);

        // The condition is evaluated on the stored row after any concurrent writer committed, so the newer always stays.
        // SET reads the row as it was, so both claim columns test the old claimant.
        await using (DbCommand upsert = Command(connection, transaction,
            $"INSERT INTO results ({ResultColumns}, claimed_by, claimed_until) VALUES (@key, @request, @document, @revision, @rows, @at, @by, NULL, NULL) " +
            "ON CONFLICT (key) DO UPDATE SET request = excluded.request, document = excluded.document, config_revision = excluded.config_revision, " +
            "stored_rows = excluded.stored_rows, computed_at = excluded.computed_at, computed_by = excluded.computed_by, " +
            "claimed_by = CASE WHEN results.claimed_by = excluded.computed_by THEN NULL ELSE results.claimed_by END, " +
            "claimed_until = CASE WHEN results.claimed_by = excluded.computed_by THEN NULL ELSE results.claimed_until END " +
            "WHERE results.config_revision < excluded.config_revision " +
            "OR (results.config_revision = excluded.config_revision AND (results.stored_rows < excluded.stored_rows OR results.computed_at < excluded.computed_at))",
            ("key", result.Key), ("request", result.Request), ("document", result.Document), ("revision", result.ConfigRevision),
            ("rows", result.StoredRows), ("at", Timestamp(result.ComputedAt)), ("by", result.ComputedBy)))
        {
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        StoredResult kept = (await ReadResultAsync(connection, transaction, result.Key, cancellationToken))!;
        await transaction.CommitAsync(cancellationToken);
        return kept;
    }

    public async Task<bool> TryClaimResultAsync(string key, string holder, DateTimeOffset now, DateTimeOffset until, CancellationToken cancellationToken = default)
    {
        CheckResultKey(key);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand claim = Command(connection, null,
            "UPDATE results SET claimed_by = @holder, claimed_until = @until " +
            "WHERE key = @key AND (claimed_until IS NULL OR claimed_until <= @now OR claimed_by = @holder)",
            ("holder", holder), ("until", Timestamp(until)), ("key", key), ("now", Timestamp(now)));
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task ReleaseResultClaimAsync(string key, string holder, CancellationToken cancellationToken = default)
    {
        CheckResultKey(key);
        ArgumentException.ThrowIfNullOrEmpty(holder);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand release = Command(connection, null,
            "UPDATE results SET claimed_by = NULL, claimed_until = NULL WHERE key = @key AND claimed_by = @holder",
            ("key", key), ("holder", holder));
        await release.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<int> DeleteResultsComputedBeforeAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand delete = Command(connection, null, "DELETE FROM results WHERE computed_at < @before", ("before", Timestamp(before)));
        return await delete.ExecuteNonQueryAsync(cancellationToken);
    }

    private static void CheckResultKey(string key)
    {
        ArgumentException.ThrowIfNullOrEmpty(key);
        if (key.Length > MaxResultKeyLength)
        {
            throw new ArgumentException($"A result key has at most {MaxResultKeyLength} characters.", nameof(key));
        }
    }

    private static async Task<StoredResult?> ReadResultAsync(DbConnection connection, DbTransaction? transaction, string key, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction, $"SELECT {ResultColumns} FROM results WHERE key = @key", ("key", key));
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken))
        {
            return null;
        }

        return new StoredResult(
            reader.GetString(0),
            reader.GetString(1),
            reader.GetString(2),
            Convert.ToInt64(reader.GetValue(3), CultureInfo.InvariantCulture),
            Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
            ParseTimestamp(reader.GetString(5)),
            reader.GetString(6));
    }
}
