using System.Data.Common;
using System.Globalization;
using System.Text.Json.Nodes;

namespace FailSmart.Storage.Config;

/// <summary>Webhooks, their deliveries and delivery log, and the dispatcher's cursor in the audit log.</summary>
public abstract partial class AdoConfigStore : IWebhookStore
{
    private const string WebhookColumns = "id, url, secret, events, enabled, created_by, created_at";

    private const string DeliveryColumns =
        "id, webhook_id, audit_id, event, body, attempts, next_attempt_at, status, last_status_code, last_error, created_at, updated_at";

    public async Task CreateWebhookAsync(WebhookRecord webhook, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(webhook);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        await using (DbCommand insert = Command(connection, transaction,
            $"INSERT INTO webhooks ({WebhookColumns}) VALUES (@id, @url, @secret, @events, @enabled, @createdBy, @createdAt)",
            ("id", webhook.Id), ("url", webhook.Url), ("secret", webhook.Secret), ("events", string.Join(' ', webhook.Events)),
            ("enabled", webhook.Enabled ? 1 : 0), ("createdBy", webhook.CreatedBy), ("createdAt", Timestamp(webhook.CreatedAt))))
        {
            await insert.ExecuteNonQueryAsync(cancellationToken);
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        string after = new JsonObject { ["url"] = webhook.Url, ["events"] = new JsonArray([.. webhook.Events.Select(e => (JsonNode?)e)]) }.ToJsonString();
        await InsertAuditAsync(connection, transaction, webhook.CreatedBy, "webhook.create", "webhook", webhook.Id, null, null, after, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<WebhookRecord?> GetWebhookAsync(string id, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {WebhookColumns} FROM webhooks WHERE id = @id", ("id", id));
        IReadOnlyList<WebhookRecord> found = await ReadWebhooksAsync(command, cancellationToken);
        return found.Count == 0 ? null : found[0];
    }

    public async Task<IReadOnlyList<WebhookRecord>> ListWebhooksAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null, $"SELECT {WebhookColumns} FROM webhooks ORDER BY created_at, id");
        return await ReadWebhooksAsync(command, cancellationToken);
    }

    public async Task<bool> DeleteWebhookAsync(string id, string actor, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(actor);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        string? url = (string?)await ScalarAsync(connection, transaction, "SELECT url FROM webhooks WHERE id = @id", cancellationToken, ("id", id));
        if (url is null)
        {
            return false;
        }

        foreach (string table in new[] { "webhook_attempts", "webhook_deliveries", "webhooks" })
        {
            string column = table == "webhooks" ? "id" : "webhook_id";
            await using DbCommand delete = Command(connection, transaction, $"DELETE FROM {table} WHERE {column} = @id", ("id", id));
            await delete.ExecuteNonQueryAsync(cancellationToken);
        }

        long revision = await AdvanceRevisionAsync(connection, transaction, cancellationToken);
        await InsertAuditAsync(connection, transaction, actor, "webhook.delete", "webhook", id, null, new JsonObject { ["url"] = url }.ToJsonString(), null, null, revision, cancellationToken);
        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<long> GetWebhookCursorAsync(CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        return Convert.ToInt64(await ScalarAsync(connection, null, "SELECT last_audit_id FROM webhook_cursor WHERE id = 1", cancellationToken), CultureInfo.InvariantCulture);
    }

    public async Task<bool> EnqueueDeliveriesAsync(long from, long to, IReadOnlyList<NewDelivery> deliveries, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(deliveries);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        await using (DbCommand move = Command(connection, transaction,
            "UPDATE webhook_cursor SET last_audit_id = @to WHERE id = 1 AND last_audit_id = @from", ("to", to), ("from", from)))
        {
            if (await move.ExecuteNonQueryAsync(cancellationToken) == 0)
            {
                return false;
            }
        }

        foreach (NewDelivery delivery in deliveries)
        {
            await InsertDeliveryAsync(connection, transaction, delivery, cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return true;
    }

    public async Task<WebhookDelivery> EnqueueDeliveryAsync(NewDelivery delivery, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(delivery);
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        long id = await InsertDeliveryAsync(connection, transaction, delivery, cancellationToken);
        await using DbCommand command = Command(connection, transaction, $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE id = @id", ("id", id));
        WebhookDelivery stored = (await ReadDeliveriesAsync(command, cancellationToken))[0];
        await transaction.CommitAsync(cancellationToken);
        return stored;
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListDueDeliveriesAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE status = 'pending' AND next_attempt_at <= @now ORDER BY next_attempt_at, id LIMIT {limit.ToString(CultureInfo.InvariantCulture)}",
            ("now", Timestamp(now)));
        return await ReadDeliveriesAsync(command, cancellationToken);
    }

    public async Task<bool> ClaimDeliveryAsync(long id, int attempts, DateTimeOffset leaseUntil, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand claim = Command(connection, null,
            "UPDATE webhook_deliveries SET next_attempt_at = @lease, updated_at = @now WHERE id = @id AND status = 'pending' AND attempts = @attempts AND next_attempt_at <= @now",
            ("lease", Timestamp(leaseUntil)), ("now", Now()), ("id", id), ("attempts", attempts));
        return await claim.ExecuteNonQueryAsync(cancellationToken) == 1;
    }

    public async Task RecordAttemptAsync(
        long id, int attempt, int? statusCode, string? error, DeliveryStatus status, DateTimeOffset nextAttemptAt, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbTransaction transaction = await _dialect.BeginWriteAsync(connection, cancellationToken);
        string now = Now();
        int changed;
        await using (DbCommand update = Command(connection, transaction,
            "UPDATE webhook_deliveries SET attempts = @attempt, status = @status, next_attempt_at = @next, last_status_code = CAST(@code AS INTEGER), last_error = @error, updated_at = @now " +
            "WHERE id = @id AND attempts = @previous",
            ("attempt", attempt), ("status", status.ToString().ToLowerInvariant()), ("next", Timestamp(nextAttemptAt)), ("code", statusCode), ("error", error),
            ("now", now), ("id", id), ("previous", attempt - 1)))
        {
            changed = await update.ExecuteNonQueryAsync(cancellationToken);
        }

        // Nothing changed when the webhook was deleted meanwhile: then there is no log to add to.
        if (changed == 1)
        {
            await using DbCommand log = Command(connection, transaction,
                "INSERT INTO webhook_attempts (delivery_id, webhook_id, attempt, at, status_code, error, delivered) " +
                "SELECT id, webhook_id, @attempt, @now, CAST(@code AS INTEGER), @error, @delivered FROM webhook_deliveries WHERE id = @id",
                ("attempt", attempt), ("now", now), ("code", statusCode), ("error", error), ("delivered", status == DeliveryStatus.Delivered ? 1 : 0), ("id", id));
            await log.ExecuteNonQueryAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string webhookId, int limit, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            $"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE webhook_id = @webhook ORDER BY id DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}",
            ("webhook", webhookId));
        return await ReadDeliveriesAsync(command, cancellationToken);
    }

    public async Task<IReadOnlyList<DeliveryAttempt>> ListAttemptsAsync(string webhookId, int limit, CancellationToken cancellationToken = default)
    {
        await using DbConnection connection = await _dialect.OpenAsync(cancellationToken);
        await using DbCommand command = Command(connection, null,
            "SELECT a.delivery_id, d.event, d.audit_id, a.attempt, a.at, a.status_code, a.error, a.delivered " +
            "FROM webhook_attempts a JOIN webhook_deliveries d ON d.id = a.delivery_id " +
            $"WHERE a.webhook_id = @webhook ORDER BY a.id DESC LIMIT {limit.ToString(CultureInfo.InvariantCulture)}",
            ("webhook", webhookId));
        var attempts = new List<DeliveryAttempt>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            attempts.Add(new DeliveryAttempt(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetString(1),
                OptionalInt64(reader, 2),
                Convert.ToInt32(reader.GetValue(3), CultureInfo.InvariantCulture),
                ParseTimestamp(reader.GetString(4)),
                reader.IsDBNull(5) ? null : Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                OptionalString(reader, 6),
                Convert.ToInt32(reader.GetValue(7), CultureInfo.InvariantCulture) != 0));
        }

        return attempts;
    }

    private async Task<long> InsertDeliveryAsync(DbConnection connection, DbTransaction transaction, NewDelivery delivery, CancellationToken cancellationToken)
    {
        string now = Now();
        return Convert.ToInt64(await ScalarAsync(connection, transaction,
            "INSERT INTO webhook_deliveries (webhook_id, audit_id, event, body, attempts, next_attempt_at, status, created_at, updated_at) " +
            "VALUES (@webhook, CAST(@audit AS BIGINT), @event, @body, 0, @now, 'pending', @now, @now) RETURNING id",
            cancellationToken,
            ("webhook", delivery.WebhookId), ("audit", delivery.AuditId), ("event", delivery.Event), ("body", delivery.Body), ("now", now)),
            CultureInfo.InvariantCulture);
    }

    private static async Task<IReadOnlyList<WebhookRecord>> ReadWebhooksAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var webhooks = new List<WebhookRecord>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            webhooks.Add(new WebhookRecord(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetString(3).Split(' ', StringSplitOptions.RemoveEmptyEntries),
                Convert.ToInt32(reader.GetValue(4), CultureInfo.InvariantCulture) != 0, reader.GetString(5), ParseTimestamp(reader.GetString(6))));
        }

        return webhooks;
    }

    private static async Task<IReadOnlyList<WebhookDelivery>> ReadDeliveriesAsync(DbCommand command, CancellationToken cancellationToken)
    {
        var deliveries = new List<WebhookDelivery>();
        await using DbDataReader reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            deliveries.Add(new WebhookDelivery(
                Convert.ToInt64(reader.GetValue(0), CultureInfo.InvariantCulture),
                reader.GetString(1),
                OptionalInt64(reader, 2),
                reader.GetString(3),
                reader.GetString(4),
                Convert.ToInt32(reader.GetValue(5), CultureInfo.InvariantCulture),
                ParseTimestamp(reader.GetString(6)),
                Enum.Parse<DeliveryStatus>(reader.GetString(7), ignoreCase: true),
                reader.IsDBNull(8) ? null : Convert.ToInt32(reader.GetValue(8), CultureInfo.InvariantCulture),
                OptionalString(reader, 9),
                ParseTimestamp(reader.GetString(10)),
                ParseTimestamp(reader.GetString(11))));
        }

        return deliveries;
    }
}
