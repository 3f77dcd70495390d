namespace FailSmart.Core.Values;

/// <summary>An immutable set of a unit's attributes (user id, country, plan...).</summary>
public sealed class Attributes : IAttributeSource
{
    private readonly Dictionary<string, DataValue> _values;

    public Attributes(IEnumerable<KeyValuePair<string, DataValue>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = new Dictionary<string, DataValue>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, DataValue> pair in values)
        {
            _values[pair.Key] = pair.Value;
        }
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

    public bool TryGetAttribute(string name, out DataValue value) => _values.TryGetValue(name, out value);

    public IEnumerable<KeyValuePair<string, DataValue>> AsEnumerable() => _values;
}
