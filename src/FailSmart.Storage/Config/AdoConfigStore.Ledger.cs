using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FailSmart.Storage.Config;

/// <summary>The investment ledger: one entry per feature, week and phase, replaced in place.</summary>
public abstract partial class AdoConfigStore : ILedgerStore
{
    private const string LedgerColumns = "id, feature_key, week, phase, person_days, cost_per_person_day, note, author, created_at";

    public async Task<LedgerWriteResult> WriteLedgerEntriesAsync(IReadOnlyList<LedgerEntryWrite> entries, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        var written = new List<LedgerEntryRecord>(entries.Count);
        int created = 0, replaced = 0, unchanged = 0;
        long? revision = null;
        foreach (LedgerEntryWrite entry in entries)
        {
            LedgerEntryRecord? before = await ReadLedgerEntryAsync(connection, transaction, entry, cancellationToken);
            if (before is not null && before.PersonDays == entry.PersonDays && before.CostPerPersonDay == entry.CostPerPersonDay && before.Note == entry.Note)
            {
                unchanged++;
                written.Add(before);
                continue;
            }

            (string, object?)[] values =
            [
                ("key", entry.FeatureKey), ("week", WeekText(entry.Week)), ("phase", entry.Phase), ("days", entry.PersonDays),
                ("cost", entry.CostPerPersonDay), ("note", entry.Note), ("author", actor), ("now", Now()),
            ];
            // The casts type nulls, which PostgreSQL would otherwise take for text.
            await using (DbCommand write = before is null
                ? Command(connection, transaction,
                    "INSERT INTO ledger_entries (feature_key, week, phase, person_days, cost_per_person_day, note, author, created_at) " +
                    "VALUES (@key, @week, @phase, @days, CAST(@cost AS DOUBLE PRECISION), @note, @author, @now)", values)
                : Command(connection, transaction,
                    "UPDATE ledger_entries SET person_days = @days, cost_per_person_day = CAST(@cost AS DOUBLE PRECISION), note = @note, author = @author, created_at = @now " +
                    "WHERE feature_key = @key AND week = @week AND phase = @phase", values))
            {
                await write.ExecuteNonQueryAsync(cancellationToken);
            }

            LedgerEntryRecord after = (await ReadLedgerEntryAsync(connection, transaction, entry, cancellationToken))!;
            revision ??= await AdvanceRevisionAsync(connection, transaction, cancellationToken);
            await InsertAuditAsync(connection, transaction, actor, "ledger.write", "ledger", entry.FeatureKey, null,
                before is null ? null : LedgerSummary(before), LedgerSummary(after), null, revision.Value, cancellationToken);
            written.Add(after);
            if (before is null)
            {
                created++;
            }
            else
            {
                replaced++;
            }
        }

        await transaction.CommitAsync(cancellationToken);
        return new LedgerWriteResult(written, created, replaced, unchanged);
    }

    public async Task<IReadOnlyList<LedgerEntryRecord>> ListLedgerEntriesAsync(string? featureKey, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = featureKey is null
            ? Command(connection, null, $"SELECT {LedgerColumns} FROM ledger_entries ORDER BY feature_key, week, phase")
            : Command(connection, null, $"SELECT {LedgerColumns} FROM ledger_entries WHERE feature_key = @key ORDER BY week, phase", ("key", featureKey));
        return await ReadLedgerEntriesAsync(command, cancellationToken);
    }

    public async Task<LedgerEntryRecord?> DeleteLedgerEntryAsync(string featureKey, long id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(featureKey);
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        await using DbCommand read = Command(connection, transaction,
            $"SELECT {LedgerColumns} FROM ledger_entries WHERE id = @id AND feature_key = @key", ("id", id), ("key", featureKey));
        IReadOnlyList<LedgerEntryRecord> found = await ReadLedgerEntriesAsync(read, cancellationToken);
        if (found.Count == 0)
        {
            return null;
        }

        await using (DbCommand delete = Command(connection, transaction, "DELETE FROM ledger_entries WHERE id = @id", ("id", id)))
        {
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "ledger.delete", "ledger", featureKey, null, LedgerSummary(found[0]), null, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return found[0];
    }

    private static string WeekText(DateOnly week) => week.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string LedgerSummary(LedgerEntryRecord entry) => new JsonObject
    {
        ["id"] = entry.Id,
        ["feature"] = entry.FeatureKey,
        ["week"] = WeekText(entry.Week),
        ["phase"] = entry.Phase,
        ["personDays"] = entry.PersonDays,
        ["costPerPersonDay"] = entry.CostPerPersonDay,
        ["note"] = entry.Note,
    }.ToJsonString();

    private static async Task<LedgerEntryRecord?> ReadLedgerEntryAsync(DbConnection connection, DbTransaction transaction, LedgerEntryWrite entry, CancellationToken cancellationToken)
    {
        await using DbCommand command = Command(connection, transaction,
            $"SELECT {LedgerColumns} FROM ledger_entries WHERE feature_key = @key AND week = @week AND phase = @phase",
            ("key", entry.FeatureKey), ("week", WeekText(entry.Week)), ("phase", entry.Phase));
        IReadOnlyList<LedgerEntryRecord> found = await ReadLedgerEntriesAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    private static async Task<IReadOnlyList<LedgerEntryRecord>> ReadLedgerEntriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var entries = new List<LedgerEntryRecord>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            entries.Add(new LedgerEntryRecord(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetString(1),
                DateOnly.ParseExact(reader.GetString(2), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                reader.GetString(3),
                Convert.ToDouble(reader.GetValue(4), CultureInfo.InvariantCulture),
                reader.IsDBNull(5) ? null : Convert.ToDouble(reader.GetValue(5), CultureInfo.InvariantCulture),
                OptionalString(reader, 6),
                reader.GetString(7),
                ParseTimestamp(reader.GetString(8))));
        }

        return entries;
    }
}
