using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Webhooks;

/// <summary>The JSON a webhook receives: the audit entry an event is, or a ping.</summary>
public static class WebhookPayload
{
    /// <summary>An audit entry as an event: type, audit id, time, actor, kind, key, environment, reason, before and after.</summary>
    public static string For(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new JsonObject
        {
            ["type"] = TypeOf(entry),
            ["action"] = entry.Action,
            ["auditId"] = entry.Id,
            ["at"] = Text(entry.At),
            ["actor"] = entry.Actor,
            ["kind"] = entry.Kind,
            ["key"] = entry.Key,
            ["environment"] = entry.Environment,
            ["reason"] = entry.Reason,
            ["revision"] = entry.Revision,
            ["before"] = Json(entry.Before),
            ["after"] = Json(entry.After),
        }.ToJsonString();
    }

    /// <summary>
    /// An entry's event type: its action when that names its family ("rollout.advance", "schedule.apply"),
    /// otherwise the kind and action ("flag.toggle", "segment.update"), so "flag.*" selects every flag change.
    /// </summary>
    public static string TypeOf(AuditEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return entry.Action.Contains('.', StringComparison.Ordinal) ? entry.Action : $"{entry.Kind}.{entry.Action}";
    }

    /// <summary>What "send test" posts.</summary>
    public static string Ping(string webhookId, DateTimeOffset at) =>
        new JsonObject { ["type"] = "ping", ["webhook"] = webhookId, ["at"] = Text(at) }.ToJsonString();

    private static string Text(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    // Documents are JSON; anything else the log holds is sent as a string rather than dropped.
    private static JsonNode? Json(string? text)
    {
        if (text is null)
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
