using System.Collections;

namespace FailSmart.Core.Values;

/// <summary>An immutable JSON array.</summary>
public sealed class ArrayValue : IReadOnlyList<DataValue>
{
    private readonly DataValue[] _items;

    public ArrayValue(IEnumerable<DataValue> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        _items = [.. items];
    }

    public static ArrayValue Empty { get; } = new([]);

    public int Count => _items.Length;

    public DataValue this[int index] => _items[index];

    /// <summary>The items, without copying.</summary>
    public ReadOnlySpan<DataValue> AsSpan() => _items;

    public IEnumerator<DataValue> GetEnumerator() => ((IEnumerable<DataValue>)_items).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => _items.GetEnumerator();

    internal bool SequenceEqual(ArrayValue other)
    {
        if (ReferenceEquals(this, other))
        {
            return true;
        }

        if (_items.Length != other._items.Length)
        {
            return false;
        }

        for (int i = 0; i < _items.Length; i++)
        {
            if (!_items[i].Equals(other._items[i]))
            {
                return false;
            }
        }

        return true;
    }
}
