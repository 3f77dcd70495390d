using System.Text.Json;

namespace FailSmart.Server.Events;

/// <summary>
/// The fields of one ingested event, found in a single pass over its JSON object (looking each one up
/// by name would scan the object once per field). Missing fields are <c>default</c> (Undefined). A name
/// that appears twice is not resolved either way: <see cref="Repeated"/> names it and the event is
/// refused, because which of the two a sender meant cannot be known. Fields FailSmart does not know are
/// kept for the properties.
/// </summary>
internal readonly struct EventFields
{
    public EventFields(JsonElement e)
    {
        int seen = 0;
        HashSet<string>? unknownNames = null;
        foreach (JsonProperty field in e.EnumerateObject())
        {
            int bit;
            try
            {
                bit = KnownBit(field);
            }
            catch (InvalidOperationException)
            {
                BadName = true; // comparing unescapes the name, and "\udc00" cannot be unescaped
                continue;
            }

            if (bit == 0)
            {
                if (!JsonText.TryGetName(field, out string name))
                {
                    BadName = true;
                    continue;
                }

                if (!(unknownNames ??= new(StringComparer.Ordinal)).Add(name))
                {
                    Repeated ??= name;
                }

                (Unknown ??= []).Add(field);
                continue;
            }

            if ((seen & bit) != 0)
            {
                Repeated ??= field.Name; // a known name, so plain ASCII
                continue;
            }

            seen |= bit;
            switch (bit)
            {
                case 1 << 0: Id = field.Value; break;
                case 1 << 1: Type = field.Value; break;
                case 1 << 2: UnitId = field.Value; break;
                case 1 << 3: Timestamp = field.Value; break;
                case 1 << 4: Experiment = field.Value; break;
                case 1 << 5: Phase = field.Value; break;
                case 1 << 6: Variation = field.Value; break;
                case 1 << 7: Event = field.Value; break;
                case 1 << 8: Value = field.Value; break;
                default: Properties = field.Value; break;
            }
        }
    }

    private static int KnownBit(JsonProperty field) =>
        field.NameEquals("id"u8) ? 1 << 0
        : field.NameEquals("type"u8) ? 1 << 1
        : field.NameEquals("unitId"u8) ? 1 << 2
        : field.NameEquals("timestamp"u8) ? 1 << 3
        : field.NameEquals("experiment"u8) ? 1 << 4
        : field.NameEquals("phase"u8) ? 1 << 5
        : field.NameEquals("variation"u8) ? 1 << 6
        : field.NameEquals("event"u8) ? 1 << 7
        : field.NameEquals("value"u8) ? 1 << 8
        : field.NameEquals("properties"u8) ? 1 << 9
        : 0;

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

    /// <summary>The first field name that appears more than once; null when every name is unique.</summary>
    public string? Repeated { get; }

    /// <summary>True when a field name is not valid Unicode (a lone surrogate escape, or bytes that are not UTF-8).</summary>
    public bool BadName { get; }
}
