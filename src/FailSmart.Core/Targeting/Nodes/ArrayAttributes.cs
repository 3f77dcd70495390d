using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting.Nodes;

/// <summary>
/// An array read as JavaScript reads an object's properties: <c>"0"</c>, <c>"1"</c>... are its items and
/// <c>"length"</c> its length. Only canonical indexes count (<c>"01"</c> and <c>"-1"</c> are absent).
/// </summary>
internal sealed class ArrayAttributes(ArrayValue array) : IAttributeSource
{
    public bool TryGetAttribute(string name, out DataValue value) => TryGet(array, name, out value);

    public static bool TryGet(ArrayValue array, string name, out DataValue value)
    {
        if (string.Equals(name, "length", StringComparison.Ordinal))
        {
            value = DataValue.FromNumber(array.Count);
            return true;
        }

        if (TryParseIndex(name, out int index) && index < array.Count)
        {
            value = array[index];
            return true;
        }

        value = DataValue.Null;
        return false;
    }

    private static bool TryParseIndex(string name, out int index)
    {
        index = 0;
        if (name.Length is 0 or > 9 || (name.Length > 1 && name[0] == '0'))
        {
            return false;
        }

        foreach (char c in name)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            index = (index * 10) + (c - '0');
        }

        return true;
    }
}
