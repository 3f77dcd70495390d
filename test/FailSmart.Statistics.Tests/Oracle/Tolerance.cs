using System.Text.Json;

namespace FailSmart.Statistics.Tests.Oracle;

/// <summary>
/// The reference file's tolerance: |actual − expected| ≤ abs + rel·|expected| (the NumPy <c>isclose</c> rule),
/// default rel 1e-9 / abs 1e-12, overridden by a case's own <c>tolerance</c>.
/// </summary>
internal readonly record struct Tolerance(double Rel, double Abs)
{
    public static Tolerance For(JsonElement root, JsonElement testCase)
    {
        Tolerance t = Read(root.TryGetProperty("default_tolerance", out JsonElement d) ? d : default, new Tolerance(1e-9, 1e-12));
        return testCase.TryGetProperty("tolerance", out JsonElement own) ? Read(own, t) : t;
    }

    public bool Accepts(double actual, double expected)
    {
        if (double.IsNaN(expected))
        {
            return double.IsNaN(actual);
        }

        if (double.IsInfinity(expected))
        {
            return actual == expected;
        }

        return Math.Abs(actual - expected) <= Abs + (Rel * Math.Abs(expected));
    }

    private static Tolerance Read(JsonElement e, Tolerance fallback) =>
        e.ValueKind != JsonValueKind.Object
            ? fallback
            : new Tolerance(
                e.TryGetProperty("rel", out JsonElement rel) ? rel.GetDouble() : fallback.Rel,
                e.TryGetProperty("abs", out JsonElement abs) ? abs.GetDouble() : fallback.Abs);
}
