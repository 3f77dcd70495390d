using System.Data.Common;
using System.Globalization;

namespace FailSmart.Storage.Config;

/// <summary>Flag usage: daily counts per environment, flag and variation, added once per report id.</summary>
public abstract partial class AdoConfigStore : IFlagUsageStore
{
    // Both engines speak this upsert. Timestamps are fixed-width ISO text, so the larger string is the later time;
    // sources is a comma-separated set, each source added once.
    private const string UsageUpsert =
        "INSERT INTO flag_usage (environment, flag, variation, day, count, last_evaluated, sources) " +
        "VALUES (@environment, @flag, @variation, @day, @count, @last, @source) " +
        "ON CONFLICT (environment, flag, variation, day) DO UPDATE SET " +
        "count = flag_usage.count + excluded.count, " +
        "last_evaluated = CASE WHEN excluded.last_evaluated > flag_usage.last_evaluated THEN excluded.last_evaluated ELSE flag_usage.last_evaluated END, " +
        "sources = CASE WHEN (',' || flag_usage.sources || ',') LIKE ('%,' || excluded.sources || ',%') THEN flag_usage.sources ELSE flag_usage.sources || ',' || excluded.sources END";

    public async Task<bool> RecordUsageAsync(FlagUsageReport report, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(report);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        string received = Timestamp(report.ReceivedAt);
        await using (DbCommand seen = Command(connection, transaction,
            "INSERT INTO flag_usage_reports (id, received_at) VALUES (@id, @received) ON CONFLICT (id) DO NOTHING", ("id", report.Id), ("received", received)))
        {
            if (await seen.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        foreach (FlagUsageCount count in report.Counts)
        {
            await using DbCommand upsert = Command(connection, transaction, UsageUpsert,
                ("environment", report.Environment), ("flag", count.Flag), ("variation", count.Variation), ("day", Day(count.LastEvaluated)),
                ("count", count.Count), ("last", Timestamp(count.LastEvaluated)), ("source", report.Source));
            await upsert.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (DbCommand source = Command(connection, transaction,
            "INSERT INTO flag_usage_sources (environment, source, last_reported_at) VALUES (@environment, @source, @received) " +
            "ON CONFLICT (environment, source) DO UPDATE SET last_reported_at = " +
            "CASE WHEN excluded.last_reported_at > flag_usage_sources.last_reported_at THEN excluded.last_reported_at ELSE flag_usage_sources.last_reported_at END",
            ("environment", report.Environment), ("source", report.Source), ("received", received)))
        {
            await source.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<IReadOnlyList<FlagUsageDay>> ListUsageAsync(FlagUsageQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        string where = "day >= @from" +
            (query.Environment is null ? "" : " AND environment = @environment") +
            (query.Flag is null ? "" : " AND flag = @flag");
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            $"SELECT environment, flag, variation, day, count, last_evaluated, sources FROM flag_usage WHERE {where} ORDER BY day, environment, flag, variation",
            ("from", query.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)), ("environment", query.Environment), ("flag", query.Flag));
        var days = new List<FlagUsageDay>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new FlagUsageDay(
                reader.GetString(0), reader.GetString(1), reader.GetString(2),
                DateOnly.ParseExact(reader.GetString(3), "yyyy-MM-dd", CultureInfo.InvariantCulture),
                Convert.ToInt64(reader.GetValue(4), CultureInfo.InvariantCulture),
                ParseTimestamp(reader.GetString(5)),
                [.. reader.GetString(6).Split(',', StringSplitOptions.RemoveEmptyEntries).Order(StringComparer.Ordinal)]));
        }

        return days;
    }

    public async Task<IReadOnlyList<FlagUsageSource>> ListUsageSourcesAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            "SELECT environment, source, last_reported_at FROM flag_usage_sources ORDER BY environment, source");
        var sources = new List<FlagUsageSource>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            sources.Add(new FlagUsageSource(reader.GetString(0), reader.GetString(1), ParseTimestamp(reader.GetString(2))));
        }

        return sources;
    }

    public async Task<int> PruneUsageAsync(DateTimeOffset before, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        int deleted;
        await using (DbCommand days = Command(connection, transaction, "DELETE FROM flag_usage WHERE day < @day", ("day", Day(before))))
        {
            deleted = await days.ExecuteNonQueryAsync(cancellationToken);
        }

        await using (DbCommand reports = Command(connection, transaction, "DELETE FROM flag_usage_reports WHERE received_at < @before", ("before", Timestamp(before))))
        {
            await reports.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return deleted;
    }

    private static string Day(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
