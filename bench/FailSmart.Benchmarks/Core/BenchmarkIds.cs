using System.Globalization;

namespace FailSmart.Benchmarks.Core;

/// <summary>Deterministic 36-character UUID unit ids, the same on every run.</summary>
internal static class BenchmarkIds
{
    public static string[] Generate(int count)
    {
        var random = new Random(20261126);
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
