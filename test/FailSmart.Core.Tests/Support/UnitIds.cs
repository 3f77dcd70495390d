using System.Globalization;

namespace FailSmart.Core.Tests.Support;

/// <summary>Deterministic 36-character UUID-shaped unit ids, the same on every run.</summary>
internal static class UnitIds
{
    public static string[] Generate(int count, int seed = 20261126)
    {
        var random = new Random(seed);
        var bytes = new byte[16];
        var ids = new string[count];
        for (int i = 0; i < count; i++)
        {
            random.NextBytes(bytes);
            ids[i] = new Guid(bytes).ToString("D", CultureInfo.InvariantCulture);
        }

        return ids;
    }
}
