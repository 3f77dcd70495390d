using System.Globalization;

namespace FailSmart.Core.Values;

/// <summary>
/// A JSON-shaped value (null, boolean, number, string, array or object) used for attributes and
/// flag values. A struct, so reading and comparing attributes never boxes or allocates.
/// </summary>
public readonly partial struct DataValue : IEquatable<DataValue>
{
    private readonly object? _reference;
    private readonly double _number;

    private DataValue(DataValueKind kind, double number, object? reference)
    {
        Kind = kind;
        _number = number;
        _reference = reference;
    }

    /// <summary>The JSON type of this value.</summary>
    public DataValueKind Kind { get; }

    public static DataValue Null => default;

    public static DataValue True { get; } = new(DataValueKind.Boolean, 1, null);

    public static DataValue False { get; } = new(DataValueKind.Boolean, 0, null);

    public bool IsNull => Kind == DataValueKind.Null;

    public static DataValue FromBoolean(bool value) => value ? True : False;

    public static DataValue FromNumber(double value) => new(DataValueKind.Number, value, null);

    public static DataValue FromString(string? value) =>
        value is null ? Null : new(DataValueKind.String, 0, value);

    public static DataValue FromArray(IEnumerable<DataValue> items) =>
        new(DataValueKind.Array, 0, new ArrayValue(items));

    public static DataValue FromArray(ArrayValue array)
    {
        ArgumentNullException.ThrowIfNull(array);
        return new(DataValueKind.Array, 0, array);
    }

    public static DataValue FromObject(IEnumerable<KeyValuePair<string, DataValue>> properties) =>
        new(DataValueKind.Object, 0, new ObjectValue(properties));

    public static DataValue FromObject(ObjectValue value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return new(DataValueKind.Object, 0, value);
    }

    public static implicit operator DataValue(bool value) => FromBoolean(value);

    public static implicit operator DataValue(double value) => FromNumber(value);

    public static implicit operator DataValue(string? value) => FromString(value);

    /// <summary>The boolean, or false for any other kind.</summary>
    public bool AsBoolean() => Kind == DataValueKind.Boolean && _number != 0;

    /// <summary>The number, or NaN for any other kind.</summary>
    public double AsNumber() => Kind == DataValueKind.Number ? _number : double.NaN;

    /// <summary>The string, or null for any other kind.</summary>
    public string? AsString() => _reference as string;

    public ArrayValue? AsArray() => _reference as ArrayValue;

    public ObjectValue? AsObject() => _reference as ObjectValue;

    /// <summary>
    /// Structural equality with JSON semantics: same kinds, equal numbers, ordinal strings, arrays
    /// item by item, objects property by property in order (as JSON.stringify comparison does).
    /// </summary>
    public bool Equals(DataValue other)
    {
        if (Kind != other.Kind)
        {
            return false;
        }

        return Kind switch
        {
            DataValueKind.Null => true,
            DataValueKind.Boolean => _number == other._number,
            DataValueKind.Number => _number == other._number,
            DataValueKind.String => string.Equals((string)_reference!, (string)other._reference!, StringComparison.Ordinal),
            DataValueKind.Array => ((ArrayValue)_reference!).SequenceEqual((ArrayValue)other._reference!),
            DataValueKind.Object => ((ObjectValue)_reference!).PropertiesEqual((ObjectValue)other._reference!),
            _ => false,
        };
    }

    public override bool Equals(object? obj) => obj is DataValue other && Equals(other);

    public override int GetHashCode() => Kind switch
    {
        DataValueKind.Boolean or DataValueKind.Number => HashCode.Combine(Kind, _number),
        DataValueKind.String => HashCode.Combine(Kind, StringComparer.Ordinal.GetHashCode((string)_reference!)),
        DataValueKind.Array => HashCode.Combine(Kind, ((ArrayValue)_reference!).Count),
        DataValueKind.Object => HashCode.Combine(Kind, ((ObjectValue)_reference!).Count),
        _ => 0,
    };

    public static bool operator ==(DataValue left, DataValue right) => left.Equals(right);

    public static bool operator !=(DataValue left, DataValue right) => !left.Equals(right);

    /// <summary>Compact JSON text of this value.</summary>
    public override string ToString() => ToJson();

    internal double RawNumber => _number;

    internal static string FormatInvariant(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
