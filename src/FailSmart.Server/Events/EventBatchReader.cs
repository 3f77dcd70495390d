using System.Globalization;
using System.Text.Json;
using FailSmart.Core.Model;
using FailSmart.Protocol.Events;
using FailSmart.Storage.Events;

namespace FailSmart.Server.Events;

/// <summary>
/// Turns a batch body (a JSON array, or NDJSON) into valid events and reasoned rejections. One bad event
/// never spoils the others: each is checked on its own and reported by its position.
/// </summary>
internal sealed class EventBatchReader(IngestOptions limits, Configuration configuration, string environment, DateTimeOffset now)
{
    private readonly List<Exposure> _exposures = [];
    private readonly List<MetricEvent> _metricEvents = [];
    private readonly List<RejectedEvent> _rejected = [];

    public EventBatch Batch => new(_exposures, _metricEvents);

    public IReadOnlyList<RejectedEvent> Rejected => _rejected;

    /// <summary>
    /// The elements of <paramref name="body"/>, or a message saying why it cannot be read at all. The
    /// elements point into <paramref name="body"/>, which must outlive them, as must the returned
    /// documents until they are disposed.
    /// </summary>
    public static (BatchDocuments? Documents, string? Error) Split(ReadOnlyMemory<byte> body, bool ndjson)
    {
        var documents = new BatchDocuments();
        try
        {
            if (!ndjson)
            {
                JsonDocument document = documents.Own(JsonDocument.Parse(body));
                if (document.RootElement.ValueKind != JsonValueKind.Array)
                {
                    documents.Dispose();
                    return (null, "The body must be a JSON array of events (or NDJSON with Content-Type application/x-ndjson).");
                }

                documents.Elements.AddRange(document.RootElement.EnumerateArray());
                return (documents, null);
            }

            foreach (ReadOnlyMemory<byte> line in Lines(body))
            {
                try
                {
                    documents.Elements.Add(documents.Own(JsonDocument.Parse(line)).RootElement);
                }
                catch (JsonException)
                {
                    documents.Elements.Add(default); // an unreadable line is rejected in its place, not the whole batch
                }
            }

            return (documents, null);
        }
        catch (JsonException ex)
        {
            documents.Dispose();
            return (null, $"The body is not valid JSON: {ex.Message}");
        }
    }

    // The non-blank lines of an NDJSON body.
    private static IEnumerable<ReadOnlyMemory<byte>> Lines(ReadOnlyMemory<byte> body)
    {
        while (!body.IsEmpty)
        {
            int end = body.Span.IndexOf((byte)'\n');
            ReadOnlyMemory<byte> line = end < 0 ? body : body[..end];
            body = end < 0 ? ReadOnlyMemory<byte>.Empty : body[(end + 1)..];
            if (!line.Span.Trim(" \t\r"u8).IsEmpty)
            {
                yield return line;
            }
        }
    }

    public void Read(IReadOnlyList<JsonElement> elements)
    {
        for (int i = 0; i < elements.Count; i++)
        {
            string? reason = ReadOne(elements[i], out string? id);
            if (reason is not null)
            {
                _rejected.Add(new RejectedEvent(i, id, reason));
            }
        }
    }

    private string? ReadOne(JsonElement e, out string? id)
    {
        id = null;
        if (e.ValueKind != JsonValueKind.Object)
        {
            return "Not a JSON object. Each event is an object such as {\"id\": \"…\", \"type\": \"event\", \"unitId\": \"…\", \"timestamp\": \"…\", \"event\": \"purchase\"}.";
        }

        var fields = new EventFields(e);
        id = String(fields.Id);
        if (Bad(id, "id") is { } idProblem)
        {
            return idProblem;
        }

        string? unitId = String(fields.UnitId);
        if (Bad(unitId, "unitId") is { } unitProblem)
        {
            return unitProblem;
        }

        if (ReadTimestamp(fields.Timestamp) is not { } at)
        {
            return "timestamp must be an ISO 8601 date and time with an offset, such as 2026-11-26T10:00:00Z.";
        }

        if (at < now.AddDays(-limits.MaxAgeDays) || at > now.AddMinutes(limits.MaxClockSkewMinutes))
        {
            return $"timestamp {at:O} is outside the accepted window ({limits.MaxAgeDays} days back to {limits.MaxClockSkewMinutes} minutes ahead of the server's clock).";
        }

        if (ReadProperties(fields, out Dictionary<string, string>? properties) is { } propertyProblem)
        {
            return propertyProblem;
        }

        return String(fields.Type) switch
        {
            IngestEvent.ExposureType => ReadExposure(fields, id!, unitId!, at, properties),
            IngestEvent.MetricType => ReadMetric(fields, id!, unitId!, at, properties),
            var other => $"type must be \"exposure\" or \"event\", not {(other is null ? "missing" : $"\"{other}\"")}.",
        };
    }

    // The JSON reader's ISO 8601 parser is the fast path; the general parser keeps accepting what it always did.
    private static DateTimeOffset? ReadTimestamp(JsonElement ts) =>
        ts.ValueKind != JsonValueKind.String ? null
        : ts.TryGetDateTimeOffset(out DateTimeOffset at) ? at
        : DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out at) ? at
        : null;

    private string? ReadExposure(EventFields e, string id, string unitId, DateTimeOffset at, Dictionary<string, string>? properties)
    {
        string? key = String(e.Experiment);
        Experiment? experiment = key is null ? null : configuration.Experiments.FirstOrDefault(x => x.Key == key);
        if (experiment is null)
        {
            return $"experiment '{key}' does not exist. Exposures name an experiment of this FailSmart.";
        }

        string? variation = String(e.Variation);
        int index = -1;
        for (int v = 0; v < experiment.Variations.Count; v++)
        {
            if (experiment.Variations[v].Key == variation)
            {
                index = v;
            }
        }

        if (index < 0)
        {
            return $"variation '{variation}' is not one of experiment '{key}''s: {string.Join(", ", experiment.Variations.Select(v => v.Key))}.";
        }

        int phase = experiment.Phase;
        if (e.Phase is { ValueKind: not JsonValueKind.Undefined } p && (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out phase) || phase < 1))
        {
            return "phase must be a whole number of 1 or more.";
        }

        _exposures.Add(new Exposure(id, environment, unitId, experiment.Key, phase, index, at, properties));
        return null;
    }

    private string? ReadMetric(EventFields e, string id, string unitId, DateTimeOffset at, Dictionary<string, string>? properties)
    {
        string? name = String(e.Event);
        if (Bad(name, "event") is { } problem)
        {
            return problem;
        }

        double? value = null;
        if (e.Value is { ValueKind: not (JsonValueKind.Undefined or JsonValueKind.Null) } v)
        {
            if (v.ValueKind != JsonValueKind.Number || !double.IsFinite(v.GetDouble()))
            {
                return "value must be a finite number, or left out.";
            }

            value = v.GetDouble();
        }

        _metricEvents.Add(new MetricEvent(id, environment, unitId, name!, value, at, properties));
        return null;
    }

    /// <summary>Declared properties plus any unknown top-level fields, all as strings; null when there are none.</summary>
    private string? ReadProperties(EventFields e, out Dictionary<string, string>? properties)
    {
        properties = null;
        if (e.Properties.ValueKind is not (JsonValueKind.Undefined or JsonValueKind.Null))
        {
            if (e.Properties.ValueKind != JsonValueKind.Object)
            {
                return "properties must be an object of names to values.";
            }

            foreach (JsonProperty property in e.Properties.EnumerateObject())
            {
                (properties ??= new(StringComparer.Ordinal))[property.Name] = AsText(property.Value);
            }
        }

        foreach (JsonProperty extra in e.Unknown ?? [])
        {
            (properties ??= new(StringComparer.Ordinal)).TryAdd(extra.Name, AsText(extra.Value));
        }

        if (properties is null)
        {
            return null;
        }

        if (properties.Count > limits.MaxProperties)
        {
            return $"An event may carry at most {limits.MaxProperties} properties; this one has {properties.Count}.";
        }

        KeyValuePair<string, string> tooLong = properties.FirstOrDefault(p => p.Key.Length == 0 || p.Key.Length > limits.MaxFieldLength || p.Value.Length > limits.MaxFieldLength);
        return tooLong.Key is null ? null : $"Property '{tooLong.Key}' has an empty or over-long name or value (at most {limits.MaxFieldLength} characters).";
    }

    private string? Bad(string? value, string field) =>
        string.IsNullOrEmpty(value) ? $"{field} is required and must be a non-empty string."
        : value.Length > limits.MaxFieldLength ? $"{field} is longer than {limits.MaxFieldLength} characters."
        : null;

    private static string? String(JsonElement value) =>
        value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string AsText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
