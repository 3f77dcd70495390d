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
    private static readonly HashSet<string> s_known = new(StringComparer.Ordinal)
    {
        "id", "type", "unitId", "timestamp", "experiment", "phase", "variation", "event", "value", "properties",
    };

    private readonly List<Exposure> _exposures = [];
    private readonly List<MetricEvent> _metricEvents = [];
    private readonly List<RejectedEvent> _rejected = [];

    public EventBatch Batch => new(_exposures, _metricEvents);

    public IReadOnlyList<RejectedEvent> Rejected => _rejected;

    /// <summary>The elements of the body, or a message saying why it cannot be read at all.</summary>
    public static (IReadOnlyList<JsonElement>? Elements, string? Error) Split(ReadOnlySpan<byte> body, bool ndjson)
    {
        try
        {
            if (!ndjson)
            {
                using JsonDocument document = JsonDocument.Parse(body.ToArray());
                return document.RootElement.ValueKind == JsonValueKind.Array
                    ? ([.. document.RootElement.EnumerateArray().Select(e => e.Clone())], null)
                    : (null, "The body must be a JSON array of events (or NDJSON with Content-Type application/x-ndjson).");
            }

            var elements = new List<JsonElement>();
            foreach (string line in System.Text.Encoding.UTF8.GetString(body).Split('\n'))
            {
                if (!string.IsNullOrWhiteSpace(line))
                {
                    try
                    {
                        using JsonDocument document = JsonDocument.Parse(line);
                        elements.Add(document.RootElement.Clone());
                    }
                    catch (JsonException)
                    {
                        elements.Add(default); // an unreadable line is rejected in its place, not the whole batch
                    }
                }
            }

            return (elements, null);
        }
        catch (JsonException ex)
        {
            return (null, $"The body is not valid JSON: {ex.Message}");
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

        id = String(e, "id");
        if (Bad(id, "id") is { } idProblem)
        {
            return idProblem;
        }

        string? unitId = String(e, "unitId");
        if (Bad(unitId, "unitId") is { } unitProblem)
        {
            return unitProblem;
        }

        if (!e.TryGetProperty("timestamp", out JsonElement ts) || ts.ValueKind != JsonValueKind.String ||
            !DateTimeOffset.TryParse(ts.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.None, out DateTimeOffset at))
        {
            return "timestamp must be an ISO 8601 date and time with an offset, such as 2026-11-26T10:00:00Z.";
        }

        if (at < now.AddDays(-limits.MaxAgeDays) || at > now.AddMinutes(limits.MaxClockSkewMinutes))
        {
            return $"timestamp {at:O} is outside the accepted window ({limits.MaxAgeDays} days back to {limits.MaxClockSkewMinutes} minutes ahead of the server's clock).";
        }

        if (ReadProperties(e, out Dictionary<string, string> properties) is { } propertyProblem)
        {
            return propertyProblem;
        }

        return String(e, "type") switch
        {
            IngestEvent.ExposureType => ReadExposure(e, id!, unitId!, at, properties),
            IngestEvent.MetricType => ReadMetric(e, id!, unitId!, at, properties),
            var other => $"type must be \"exposure\" or \"event\", not {(other is null ? "missing" : $"\"{other}\"")}.",
        };
    }

    private string? ReadExposure(JsonElement e, string id, string unitId, DateTimeOffset at, Dictionary<string, string> properties)
    {
        string? key = String(e, "experiment");
        Experiment? experiment = key is null ? null : configuration.Experiments.FirstOrDefault(x => x.Key == key);
        if (experiment is null)
        {
            return $"experiment '{key}' does not exist. Exposures name an experiment of this FailSmart.";
        }

        string? variation = String(e, "variation");
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
        if (e.TryGetProperty("phase", out JsonElement p) && (p.ValueKind != JsonValueKind.Number || !p.TryGetInt32(out phase) || phase < 1))
        {
            return "phase must be a whole number of 1 or more.";
        }

        _exposures.Add(new Exposure(id, environment, unitId, experiment.Key, phase, index, at, properties));
        return null;
    }

    private string? ReadMetric(JsonElement e, string id, string unitId, DateTimeOffset at, Dictionary<string, string> properties)
    {
        string? name = String(e, "event");
        if (Bad(name, "event") is { } problem)
        {
            return problem;
        }

        double? value = null;
        if (e.TryGetProperty("value", out JsonElement v) && v.ValueKind != JsonValueKind.Null)
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

    /// <summary>Declared properties plus any unknown top-level fields, all as strings.</summary>
    private string? ReadProperties(JsonElement e, out Dictionary<string, string> properties)
    {
        properties = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("properties", out JsonElement declared) && declared.ValueKind != JsonValueKind.Null)
        {
            if (declared.ValueKind != JsonValueKind.Object)
            {
                return "properties must be an object of names to values.";
            }

            foreach (JsonProperty property in declared.EnumerateObject())
            {
                properties[property.Name] = AsText(property.Value);
            }
        }

        foreach (JsonProperty extra in e.EnumerateObject().Where(p => !s_known.Contains(p.Name)))
        {
            properties.TryAdd(extra.Name, AsText(extra.Value));
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

    private static string? String(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static string AsText(JsonElement value) => value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
}
