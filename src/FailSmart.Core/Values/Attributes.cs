namespace FailSmart.Core.Values;

/// <summary>
/// An immutable set of a unit's attributes (user id, country, plan...). Small sets (the usual
/// case) are scanned rather than hashed, which is faster for a handful of names.
/// </summary>
public sealed class Attributes : IAttributeSource
{
    private readonly ObjectValue _values;

    public Attributes(IEnumerable<KeyValuePair<string, DataValue>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values as ObjectValue ?? new ObjectValue(values);
    }

    public static Attributes Empty { get; } = new([]);

    public int Count => _values.Count;

    /// <summary>Builds attributes from name/value pairs: <c>Attributes.Of(("id", "u1"), ("country", "NZ"))</c>.</summary>
    public static Attributes Of(params ReadOnlySpan<(string Name, DataValue Value)> values)
    {
        var pairs = new KeyValuePair<string, DataValue>[values.Length];
        for (int i = 0; i < values.Length; i++)
        {
            pairs[i] = new(values[i].Name, values[i].Value);
        }

        return new Attributes(pairs);
    }

    /// <summary>Reads attributes from a JSON object.</summary>
    public static Attributes FromObject(ObjectValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new Attributes(value);
    }

    /// <summary>Reads attributes from JSON object text, e.g. <c>{"id": "u-42", "country": "NZ"}</c>.</summary>
    /// <exception cref="System.Text.Json.JsonException">The text is not JSON.</exception>
    /// <exception cref="FormatException">The JSON is not an object.</exception>
    public static Attributes Parse(string json) =>
        DataValue.Parse(json).AsObject() is { } obj
            ? new Attributes(obj)
            : throw new FormatException("Attributes must be a JSON object, e.g. {\"id\": \"u-42\"}.");

    public bool TryGetAttribute(string name, out DataValue value) => _values.TryGetAttribute(name, out value);

    public IEnumerable<KeyValuePair<string, DataValue>> AsEnumerable() => _values;
}
