using System.Text;
using System.Text.Json;

namespace FailSmart.Core.Values;

public readonly partial struct DataValue
{
    private static readonly JsonWriterOptions s_writerOptions = new()
    {
        Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>Parses JSON text. Throws <see cref="JsonException"/> for malformed JSON.</summary>
    public static DataValue Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        using var document = JsonDocument.Parse(json);
        return FromJson(document.RootElement);
    }

    /// <summary>Copies a JSON element into an immutable value.</summary>
    public static DataValue FromJson(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.True:
                return True;
            case JsonValueKind.False:
                return False;
            case JsonValueKind.Number:
                return FromNumber(element.GetDouble());
            case JsonValueKind.String:
                return FromString(element.GetString());
            case JsonValueKind.Array:
                var items = new List<DataValue>(element.GetArrayLength());
                foreach (JsonElement item in element.EnumerateArray())
                {
                    items.Add(FromJson(item));
                }

                return FromArray(items);
            case JsonValueKind.Object:
                var properties = new List<KeyValuePair<string, DataValue>>();
                foreach (JsonProperty property in element.EnumerateObject())
                {
                    properties.Add(new(property.Name, FromJson(property.Value)));
                }

                return FromObject(properties);
            default:
                return Null;
        }
    }

    /// <summary>Writes this value as JSON.</summary>
    public void WriteTo(Utf8JsonWriter writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (Kind)
        {
            case DataValueKind.Boolean:
                writer.WriteBooleanValue(AsBoolean());
                break;
            case DataValueKind.Number:
                if (double.IsFinite(_number))
                {
                    writer.WriteNumberValue(_number);
                }
                else
                {
                    writer.WriteNullValue();
                }

                break;
            case DataValueKind.String:
                writer.WriteStringValue((string)_reference!);
                break;
            case DataValueKind.Array:
                writer.WriteStartArray();
                foreach (DataValue item in (ArrayValue)_reference!)
                {
                    item.WriteTo(writer);
                }

                writer.WriteEndArray();
                break;
            case DataValueKind.Object:
                writer.WriteStartObject();
                foreach (KeyValuePair<string, DataValue> property in (ObjectValue)_reference!)
                {
                    writer.WritePropertyName(property.Key);
                    property.Value.WriteTo(writer);
                }

                writer.WriteEndObject();
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    /// <summary>Compact JSON text.</summary>
    public string ToJson()
    {
        switch (Kind)
        {
            case DataValueKind.Null:
                return "null";
            case DataValueKind.Boolean:
                return AsBoolean() ? "true" : "false";
            default:
                using (var stream = new MemoryStream())
                {
                    using (var writer = new Utf8JsonWriter(stream, s_writerOptions))
                    {
                        WriteTo(writer);
                    }

                    return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
                }
        }
    }
}
