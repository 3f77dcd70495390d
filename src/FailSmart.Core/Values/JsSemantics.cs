using System.Globalization;
using System.Text;

namespace FailSmart.Core.Values;

/// <summary>
/// JavaScript's coercion rules (ToNumber, ToString, truthiness, relational comparison), which the
/// GrowthBook condition language inherits. Kept in one place so every operator agrees.
/// </summary>
internal static class JsSemantics
{
    // ECMAScript's WhiteSpace and LineTerminator code points.
    private const string JsWhitespace = "\t\n\v\f\r \u00A0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200A\u2028\u2029\u202F\u205F\u3000\uFEFF";

    public static bool IsTruthy(in DataValue value) => value.Kind switch
    {
        DataValueKind.Null => false,
        DataValueKind.Boolean => value.AsBoolean(),
        DataValueKind.Number => value.RawNumber != 0 && !double.IsNaN(value.RawNumber),
        DataValueKind.String => value.AsString()!.Length > 0,
        _ => true,
    };

    /// <summary>JavaScript's strict equality (===): objects and arrays are never equal here.</summary>
    public static bool StrictEquals(in DataValue left, in DataValue right)
    {
        if (left.Kind != right.Kind)
        {
            return false;
        }

        return left.Kind switch
        {
            DataValueKind.Null => true,
            DataValueKind.Boolean or DataValueKind.Number => left.RawNumber == right.RawNumber,
            DataValueKind.String => string.Equals(left.AsString(), right.AsString(), StringComparison.Ordinal),
            _ => false,
        };
    }

    public static double ToNumber(in DataValue value) => value.Kind switch
    {
        DataValueKind.Null => 0,
        DataValueKind.Boolean or DataValueKind.Number => value.RawNumber,
        DataValueKind.String => StringToNumber(value.AsString()!),
        DataValueKind.Array => StringToNumber(ToJsString(value)),
        _ => double.NaN,
    };

    public static double StringToNumber(string text)
    {
        // JavaScript trims its own whitespace: U+FEFF is trimmed, U+0085 is not (unlike .NET's Trim).
        ReadOnlySpan<char> s = text.AsSpan().Trim(JsWhitespace);
        if (s.IsEmpty)
        {
            return 0;
        }

        if (s.Length > 2 && s[0] == '0' && (s[1] | 0x20) is 'x' or 'o' or 'b')
        {
            int radix = (s[1] | 0x20) switch { 'x' => 16, 'o' => 8, _ => 2 };
            double result = 0;
            foreach (char c in s[2..])
            {
                int digit = c switch
                {
                    >= '0' and <= '9' => c - '0',
                    >= 'a' and <= 'f' => c - 'a' + 10,
                    >= 'A' and <= 'F' => c - 'A' + 10,
                    _ => 99,
                };
                if (digit >= radix)
                {
                    return double.NaN;
                }

                result = (result * radix) + digit;
            }

            return result;
        }

        switch (s)
        {
            case "Infinity" or "+Infinity":
                return double.PositiveInfinity;
            case "-Infinity":
                return double.NegativeInfinity;
        }

        foreach (char c in s)
        {
            // .NET accepts forms JavaScript rejects ("NaN", "∞", thousands); allow only JS number syntax.
            if (c is not ((>= '0' and <= '9') or '.' or 'e' or 'E' or '+' or '-'))
            {
                return double.NaN;
            }
        }

        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double number)
            ? number
            : double.NaN;
    }

    /// <summary>JavaScript's String(value).</summary>
    public static string ToJsString(in DataValue value)
    {
        switch (value.Kind)
        {
            case DataValueKind.Null:
                return "null";
            case DataValueKind.Boolean:
                return value.AsBoolean() ? "true" : "false";
            case DataValueKind.Number:
                return NumberToString(value.RawNumber);
            case DataValueKind.String:
                return value.AsString()!;
            case DataValueKind.Array:
                var builder = new StringBuilder();
                ArrayValue array = value.AsArray()!;
                for (int i = 0; i < array.Count; i++)
                {
                    if (i > 0)
                    {
                        builder.Append(',');
                    }

                    if (!array[i].IsNull)
                    {
                        builder.Append(ToJsString(array[i]));
                    }
                }

                return builder.ToString();
            default:
                return "[object Object]";
        }
    }

    /// <summary>JavaScript's Number.prototype.toString() for base 10 (ECMA-262 Number::toString).</summary>
    public static string NumberToString(double value)
    {
        if (double.IsNaN(value))
        {
            return "NaN";
        }

        if (double.IsInfinity(value))
        {
            return value > 0 ? "Infinity" : "-Infinity";
        }

        if (value == 0)
        {
            return "0";
        }

        string sign = value < 0 ? "-" : string.Empty;
        // "E16" is not shortest; "R" is shortest round-trip, so take its digits and exponent.
        string r = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture);
        int exponentAt = r.IndexOfAny(['E', 'e']);
        string mantissa = exponentAt >= 0 ? r[..exponentAt] : r;
        int exponent = exponentAt >= 0 ? int.Parse(r.AsSpan(exponentAt + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture) : 0;
        int dot = mantissa.IndexOf('.', StringComparison.Ordinal);
        string digits = dot >= 0 ? mantissa.Remove(dot, 1) : mantissa;
        int pointPosition = (dot >= 0 ? dot : mantissa.Length) + exponent;
        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0')
        {
            leadingZeros++;
        }

        digits = digits[leadingZeros..].TrimEnd('0');
        pointPosition -= leadingZeros;
        int k = digits.Length;
        int n = pointPosition;
        if (k <= n && n <= 21)
        {
            return sign + digits + new string('0', n - k);
        }

        if (0 < n && n <= 21)
        {
            return sign + digits[..n] + "." + digits[n..];
        }

        if (-6 < n && n <= 0)
        {
            return sign + "0." + new string('0', -n) + digits;
        }

        int e = n - 1;
        string exponentText = (e >= 0 ? "+" : "-") + Math.Abs(e).ToString(CultureInfo.InvariantCulture);
        return k == 1
            ? sign + digits + "e" + exponentText
            : sign + digits[0] + "." + digits[1..] + "e" + exponentText;
    }

    /// <summary>
    /// JavaScript's abstract relational comparison. Returns false when the result is undefined (NaN
    /// involved), which makes every relational operator false, as in JavaScript.
    /// </summary>
    public static bool TryCompare(in DataValue left, in DataValue right, out int comparison)
    {
        bool leftIsText = left.Kind is DataValueKind.String or DataValueKind.Array or DataValueKind.Object;
        bool rightIsText = right.Kind is DataValueKind.String or DataValueKind.Array or DataValueKind.Object;
        if (leftIsText && rightIsText)
        {
            string l = left.Kind == DataValueKind.String ? left.AsString()! : ToJsString(left);
            string r = right.Kind == DataValueKind.String ? right.AsString()! : ToJsString(right);
            comparison = Math.Sign(string.CompareOrdinal(l, r));
            return true;
        }

        double a = ToNumber(left);
        double b = ToNumber(right);
        if (double.IsNaN(a) || double.IsNaN(b))
        {
            comparison = 0;
            return false;
        }

        comparison = a.CompareTo(b);
        return true;
    }

    /// <summary>GrowthBook's $type names.</summary>
    public static string TypeName(in DataValue value) => value.Kind switch
    {
        DataValueKind.Null => "null",
        DataValueKind.Boolean => "boolean",
        DataValueKind.Number => "number",
        DataValueKind.String => "string",
        DataValueKind.Array => "array",
        _ => "object",
    };
}
