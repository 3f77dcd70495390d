using System.Globalization;
using System.Text.Json;

namespace FailSmart.Cli.ReferenceCases;

/// <summary>Reads typed fields from one case, naming the dotted path of any field that is missing or malformed.</summary>
internal readonly struct CaseReader(JsonElement root)
{
    public JsonElement Root { get; } = root;

    public bool Has(string path) => TryGet(path, out JsonElement e) && e.ValueKind != JsonValueKind.Null;

    public JsonElement Get(string path)
    {
        if (!TryGet(path, out JsonElement e) || e.ValueKind == JsonValueKind.Null)
        {
            throw new MalformedCaseException(path, "is missing");
        }

        return e;
    }

    public double Double(string path) => ToDouble(Get(path), path);

    public long Long(string path)
    {
        double value = Double(path);
        if (value != Math.Floor(value) || value < 0)
        {
            throw new MalformedCaseException(path, "must be a non-negative whole number");
        }

        return (long)value;
    }

    public string String(string path)
    {
        JsonElement e = Get(path);
        return e.ValueKind == JsonValueKind.String ? e.GetString()! : throw new MalformedCaseException(path, "must be a string");
    }

    public double[] Doubles(string path)
    {
        JsonElement e = Get(path);
        if (e.ValueKind != JsonValueKind.Array)
        {
            throw new MalformedCaseException(path, "must be an array of numbers");
        }

        var values = new double[e.GetArrayLength()];
        int i = 0;
        foreach (JsonElement item in e.EnumerateArray())
        {
            values[i] = ToDouble(item, $"{path}[{i}]");
            i++;
        }

        return values;
    }

    public double DoubleOr(string path, double fallback) => Has(path) ? Double(path) : fallback;

    private bool TryGet(string path, out JsonElement element)
    {
        element = Root;
        foreach (string part in path.Split('.'))
        {
            if (element.ValueKind != JsonValueKind.Object || !element.TryGetProperty(part, out element))
            {
                return false;
            }
        }

        return true;
    }

    private static double ToDouble(JsonElement e, string path)
    {
        switch (e.ValueKind)
        {
            case JsonValueKind.Number:
                return e.GetDouble();
            case JsonValueKind.String:
                string s = e.GetString()!;
                if (s is "Infinity" or "+Infinity")
                {
                    return double.PositiveInfinity;
                }

                if (s == "-Infinity")
                {
                    return double.NegativeInfinity;
                }

                if (s == "NaN")
                {
                    return double.NaN;
                }

                if (double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out double parsed))
                {
                    return parsed;
                }

                break;
            default:
                break;
        }

        throw new MalformedCaseException(path, "must be a number");
    }
}
