namespace FailSmart.Storage.Events;

/// <summary>
/// The value of several attributes read together (a country × platform cell): each attribute's value on the unit's
/// first exposure, joined by the ASCII unit separator, which exposure properties do not carry. A unit missing any of
/// the attributes has no joint value.
/// </summary>
public static class JointValue
{
    public const char Separator = '\u001f';

    public static string Join(IEnumerable<string> values) => string.Join(Separator, values);

    public static string[] Split(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        return value.Split(Separator);
    }
}
