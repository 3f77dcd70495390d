using System.Text.Json;

namespace FailSmart.Server.Events;

/// <summary>
/// The fields of one ingested event, found in a single pass over its JSON object (looking each one up
/// by name would scan the object once per field). Missing fields are <c>default</c> (Undefined); when
/// a name repeats, the last one counts. Fields FailSmart does not know are kept for the properties.
/// </summary>
internal readonly struct EventFields
{
    public EventFields(JsonElement e)
    {
        foreach (JsonProperty field in e.EnumerateObject())
        {
            if (field.NameEquals("id"u8)) { Id = field.Value; }
            else if (field.NameEquals("type"u8)) { Type = field.Value; }
            else if (field.NameEquals("unitId"u8)) { UnitId = field.Value; }
            else if (field.NameEquals("timestamp"u8)) { Timestamp = field.Value; }
            else if (field.NameEquals("experiment"u8)) { Experiment = field.Value; }
            else if (field.NameEquals("phase"u8)) { Phase = field.Value; }
            else if (field.NameEquals("variation"u8)) { Variation = field.Value; }
            else if (field.NameEquals("event"u8)) { Event = field.Value; }
            else if (field.NameEquals("value"u8)) { Value = field.Value; }
            else if (field.NameEquals("properties"u8)) { Properties = field.Value; }
            else { (Unknown ??= []).Add(field); }
        }
    }

    public JsonElement Id { get; }

    public JsonElement Type { get; }

    public JsonElement UnitId { get; }

    public JsonElement Timestamp { get; }

    public JsonElement Experiment { get; }

    public JsonElement Phase { get; }

    public JsonElement Variation { get; }

    public JsonElement Event { get; }

    public JsonElement Value { get; }

    public JsonElement Properties { get; }

    /// <summary>Top-level fields that are not part of the event format, in order; null when there are none.</summary>
    public List<JsonProperty>? Unknown { get; }
}
