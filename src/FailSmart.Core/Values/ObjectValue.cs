using System.Collections;
using System.Diagnostics.CodeAnalysis;

namespace FailSmart.Core.Values;

/// <summary>
/// An immutable JSON object that keeps its property order (JSON equality depends on it). It is
/// also an attribute source, so nested attributes ("address.country") resolve without copying.
/// </summary>
[SuppressMessage("Naming", "CA1710:Identifiers should have correct suffix", Justification = "Named after the JSON type it models.")]
public sealed class ObjectValue : IAttributeSource, IReadOnlyCollection<KeyValuePair<string, DataValue>>
{
    // Small objects are scanned; larger ones get an index.
    private const int IndexThreshold = 8;
    private readonly KeyValuePair<string, DataValue>[] _properties;
    private readonly Dictionary<string, int>? _index;

    public ObjectValue(IEnumerable<KeyValuePair<string, DataValue>> properties)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var list = new List<KeyValuePair<string, DataValue>>();
        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, DataValue> property in properties)
        {
            ArgumentNullException.ThrowIfNull(property.Key, nameof(properties));
            if (seen.TryGetValue(property.Key, out int existing))
            {
                // Last one wins, as in JSON.parse.
                list[existing] = property;
            }
            else
            {
                seen.Add(property.Key, list.Count);
                list.Add(property);
            }
        }

        _properties = [.. list];
        _index = _properties.Length > IndexThreshold ? seen : null;
    }

    public static ObjectValue Empty { get; } = new([]);

    public int Count => _properties.Length;

    public bool TryGetAttribute(string name, out DataValue value)
    {
        if (_index is not null)
        {
            if (_index.TryGetValue(name, out int i))
            {
                value = _properties[i].Value;
                return true;
            }
        }
        else
        {
            foreach (KeyValuePair<string, DataValue> property in _properties)
            {
                if (string.Equals(property.Key, name, StringComparison.Ordinal))
                {
                    value = property.Value;
                    return true;
                }
            }
        }

        value = default;
        return false;
    }

    public IEnumerator<KeyValuePair<string, DataValue>> GetEnumerator() =>
        ((IEnumerable<KeyValuePair<string, DataValue>>)_properties).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _properties.GetEnumerator();

    internal bool PropertiesEqual(ObjectValue other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_properties.Length != other._properties.Length)
        {
            return false;
        }

        for (int i = 0; i < _properties.Length; i++)
        {
            if (!string.Equals(_properties[i].Key, other._properties[i].Key, StringComparison.Ordinal)
                || !_properties[i].Value.Equals(other._properties[i].Value))
            {
                return false;
            }
        }

        return true;
    }
}
