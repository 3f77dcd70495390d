using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting;

/// <summary>
/// A set of JSON scalars with strict (===) membership, hashed so "$in" over long id lists is O(1).
/// Case-insensitive sets fold strings only, as GrowthBook's "$ini" does.
/// </summary>
internal sealed class ValueSet
{
    // Up to this many strings are compared one by one: faster than hashing the probe.
    private const int ScanLimit = 8;
    private readonly HashSet<string> _strings;
    private readonly string[]? _few;
    private readonly StringComparison _comparison;
    private readonly HashSet<double> _numbers = [];
    private readonly bool _hasTrue;
    private readonly bool _hasFalse;
    private readonly bool _hasNull;

    public ValueSet(IEnumerable<DataValue> values, bool ignoreCase)
    {
        _strings = new HashSet<string>(ignoreCase ? StringComparer.OrdinalIgnoreCase : StringComparer.Ordinal);
        _comparison = ignoreCase ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal;
        foreach (DataValue value in values)
        {
            switch (value.Kind)
            {
                case DataValueKind.String:
                    _strings.Add(value.AsString()!);
                    break;
                case DataValueKind.Number:
                    _numbers.Add(value.AsNumber());
                    break;
                case DataValueKind.Boolean:
                    if (value.AsBoolean())
                    {
                        _hasTrue = true;
                    }
                    else
                    {
                        _hasFalse = true;
                    }

                    break;
                case DataValueKind.Null:
                    _hasNull = true;
                    break;
                default:
                    // Arrays and objects are never === to an attribute value.
                    break;
            }
        }

        _few = _strings.Count <= ScanLimit ? [.. _strings] : null;
    }

    public static ValueSet Empty { get; } = new([], ignoreCase: false);

    public bool Contains(in DataValue value) => value.Kind switch
    {
        DataValueKind.String => ContainsString(value.AsString()!),
        DataValueKind.Number => _numbers.Contains(value.AsNumber()),
        DataValueKind.Boolean => value.AsBoolean() ? _hasTrue : _hasFalse,
        DataValueKind.Null => _hasNull,
        _ => false,
    };

    private bool ContainsString(string value)
    {
        if (_few is null)
        {
            return _strings.Contains(value);
        }

        if (_comparison == StringComparison.Ordinal)
        {
            foreach (string candidate in _few)
            {
                if (string.Equals(candidate, value))
                {
                    return true;
                }
            }

            return false;
        }

        foreach (string candidate in _few)
        {
            if (string.Equals(candidate, value, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>GrowthBook's isIn: an array attribute matches when any of its items is in the set.</summary>
    public bool Intersects(in DataValue actual)
    {
        if (actual.Kind != DataValueKind.Array)
        {
            return Contains(actual);
        }

        foreach (DataValue item in actual.AsArray()!.AsSpan())
        {
            if (Contains(item))
            {
                return true;
            }
        }

        return false;
    }
}
