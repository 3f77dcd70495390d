using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Web.Resources;

/// <summary>
/// A resource document as a form's text values, and back. Properties the form has no field for are kept
/// as they were, so a form never drops what was written in JSON mode or through the API. Values the form
/// cannot read as the right type are sent as they are, so the service reports them with its own message.
/// </summary>
public sealed class FormValues
{
    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };

    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public string this[string name]
    {
        get => _values.GetValueOrDefault(name, "");
        set => _values[name] = value ?? "";
    }

    /// <summary>The names of a span's two values.</summary>
    public static string From(FormField field) => field.Property + ".from";

    public static string To(FormField field) => field.Property + ".to";

    public static string Indented(JsonNode node) => node.ToJsonString(s_indented);

    public static FormValues Read(ResourceForm form, JsonObject document)
    {
        var values = new FormValues();
        foreach (FormField field in form.AllFields)
        {
            JsonNode? node = document[field.Property];
            switch (field.Kind)
            {
                case FormFieldKind.Span when node is JsonArray { Count: 2 } span:
                    values[From(field)] = span[0]?.ToJsonString() ?? "";
                    values[To(field)] = span[1]?.ToJsonString() ?? "";
                    break;
                case FormFieldKind.Lines when node is JsonArray lines && lines.All(l => l is JsonValue v && v.TryGetValue(out string? _)):
                    values[field.Property] = string.Join("\n", lines.Select(l => l!.GetValue<string>()));
                    break;
                case FormFieldKind.Text or FormFieldKind.Choice when node is JsonValue text && text.TryGetValue(out string? s):
                    values[field.Property] = s;
                    break;
                case FormFieldKind.Json when node is not null:
                    values[field.Property] = Indented(node);
                    break;
                default:
                    values[field.Property] = node?.ToJsonString() ?? "";
                    break;
            }
        }

        return values;
    }

    /// <summary>The document to send: the original with each field's property set from the form, or removed when empty.</summary>
    /// <returns>The document, or the field whose JSON text does not parse.</returns>
    public (JsonObject? Document, FormField? Unreadable) Write(ResourceForm form, JsonObject original)
    {
        JsonObject document = original.DeepClone().AsObject();
        foreach (FormField field in form.AllFields)
        {
            JsonNode? value;
            if (field.Kind == FormFieldKind.Span)
            {
                string from = this[From(field)].Trim(), to = this[To(field)].Trim();
                value = from.Length == 0 && to.Length == 0 ? null : new JsonArray(Scalar(from), Scalar(to));
            }
            else
            {
                string text = this[field.Property];
                if (string.IsNullOrWhiteSpace(text))
                {
                    value = null;
                }
                else if (field.Kind == FormFieldKind.Json)
                {
                    try
                    {
                        value = JsonNode.Parse(text);
                    }
                    catch (JsonException)
                    {
                        return (null, field);
                    }
                }
                else
                {
                    value = field.Kind switch
                    {
                        FormFieldKind.Number => Scalar(text.Trim()),
                        FormFieldKind.Lines => new JsonArray([.. text.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).Select(l => (JsonNode?)JsonValue.Create(l))]),
                        _ => JsonValue.Create(field == ResourceForm.Key ? text.Trim() : text),
                    };
                }
            }

            if (value is null)
            {
                document.Remove(field.Property);
            }
            else
            {
                document[field.Property] = value;
            }
        }

        return (document, null);
    }

    private static JsonValue? Scalar(string text) =>
        text.Length == 0 ? null
        : double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out double number) ? JsonValue.Create(number)
        : JsonValue.Create(text);
}
