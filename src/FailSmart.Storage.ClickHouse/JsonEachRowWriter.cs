using System.Text.Encodings.Web;
using System.Text.Json;
using FailSmart.Storage.Events;

namespace FailSmart.Storage.ClickHouse;

/// <summary>Writes a batch as JSONEachRow, which escapes every string correctly by construction.</summary>
internal static class JsonEachRowWriter
{
    // Only quotes, backslashes and control characters need escaping for ClickHouse's JSON reader.
    private static readonly JsonWriterOptions s_options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    public const string ExposureColumns =
        "event_id, environment, unit_id, experiment_key, phase, variation, occurred_at_ms, received_at_ms, property_keys, property_values";

    public const string MetricEventColumns =
        "event_id, environment, unit_id, event_name, value, occurred_at_ms, received_at_ms, property_keys, property_values";

    public static byte[] Exposures(IReadOnlyList<Exposure> exposures, long receivedAt) => Write(exposures, (writer, e) =>
    {
        writer.WriteString("event_id", e.EventId);
        writer.WriteString("environment", e.Environment);
        writer.WriteString("unit_id", e.UnitId);
        writer.WriteString("experiment_key", e.ExperimentKey);
        writer.WriteNumber("phase", e.Phase);
        writer.WriteNumber("variation", e.Variation);
        writer.WriteNumber("occurred_at_ms", e.OccurredAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("received_at_ms", receivedAt);
        WriteProperties(writer, e.Properties);
    });

    public static byte[] MetricEvents(IReadOnlyList<MetricEvent> events, long receivedAt) => Write(events, (writer, e) =>
    {
        writer.WriteString("event_id", e.EventId);
        writer.WriteString("environment", e.Environment);
        writer.WriteString("unit_id", e.UnitId);
        writer.WriteString("event_name", e.EventName);
        if (e.Value is double value)
        {
            writer.WriteNumber("value", value);
        }
        else
        {
            writer.WriteNull("value");
        }

        writer.WriteNumber("occurred_at_ms", e.OccurredAt.ToUnixTimeMilliseconds());
        writer.WriteNumber("received_at_ms", receivedAt);
        WriteProperties(writer, e.Properties);
    });

    private static byte[] Write<T>(IReadOnlyList<T> items, Action<Utf8JsonWriter, T> writeFields)
    {
        using var stream = new MemoryStream();
        using var writer = new Utf8JsonWriter(stream, s_options);
        foreach (T item in items)
        {
            writer.WriteStartObject();
            writeFields(writer, item);
            writer.WriteEndObject();
            writer.Flush();

            // JSONEachRow is newline-separated objects, not one JSON document, so the writer restarts per line.
            stream.WriteByte((byte)'\n');
            writer.Reset(stream);
        }

        return stream.ToArray();
    }

    private static void WriteProperties(Utf8JsonWriter writer, IReadOnlyDictionary<string, string>? properties)
    {
        writer.WriteStartArray("property_keys");
        foreach (string key in properties?.Keys ?? Enumerable.Empty<string>())
        {
            writer.WriteStringValue(key);
        }

        writer.WriteEndArray();
        writer.WriteStartArray("property_values");
        foreach (string value in properties?.Values ?? Enumerable.Empty<string>())
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
