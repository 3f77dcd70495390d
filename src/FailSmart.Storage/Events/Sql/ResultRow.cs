using System.Globalization;

namespace FailSmart.Storage.Events.Sql;

/// <summary>One row of an analysis result, as the engine returned it (typed values or text).</summary>
internal sealed class ResultRow(object?[] values)
{
    public bool IsNull(int i) => values[i] is null or DBNull;

    public string GetString(int i) => values[i] switch
    {
        null or DBNull => "",
        string s => s,
        object o => Convert.ToString(o, CultureInfo.InvariantCulture) ?? "",
    };

    public long GetInt64(int i) => values[i] switch
    {
        null or DBNull => 0,
        string s => long.Parse(s, NumberStyles.Integer, CultureInfo.InvariantCulture),
        object o => Convert.ToInt64(o, CultureInfo.InvariantCulture),
    };

    public double GetDouble(int i) => values[i] switch
    {
        null or DBNull => 0,
        string s => ParseDouble(s),
        object o => Convert.ToDouble(o, CultureInfo.InvariantCulture),
    };

    private static double ParseDouble(string text) => text switch
    {
        "inf" or "+inf" => double.PositiveInfinity,
        "-inf" => double.NegativeInfinity,
        "nan" or "-nan" => double.NaN,
        _ => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture),
    };
}
