using System.Text.Json;
using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Tests.Conformance;

public sealed class BucketingConformanceTests
{
    [Fact]
    public void Hash_every_growthbook_case_matches_expected()
    {
        JsonElement[] cases = GrowthBookCases.Section("hash");
        var failures = new List<string>();
        foreach (JsonElement c in cases)
        {
            string seed = c[0].GetString()!;
            string value = c[1].GetString()!;
            int version = c[2].GetInt32();
            double? expected = c[3].ValueKind == JsonValueKind.Null ? null : c[3].GetDouble();

            double? actual = BucketHash.Hash(seed, value, version);

            if (actual != expected)
            {
                failures.Add($"hash({seed}, {value}, {version}): expected {expected}, got {actual}");
            }
        }

        cases.Length.ShouldBe(15);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Compute_every_growthbook_bucket_range_case_matches_expected()
    {
        JsonElement[] cases = GrowthBookCases.Section("getBucketRange");
        var failures = new List<string>();
        foreach (JsonElement c in cases)
        {
            JsonElement args = c[1];
            double[]? weights = args[2].ValueKind == JsonValueKind.Null ? null : [.. args[2].EnumerateArray().Select(w => w.GetDouble())];
            double[][] expected = [.. c[2].EnumerateArray().Select(r => new[] { r[0].GetDouble(), r[1].GetDouble() })];

            BucketRange[] actual = VariationRanges.Compute(args[0].GetInt32(), args[1].GetDouble(), weights);

            bool same = actual.Length == expected.Length && actual.Zip(expected).All(p =>
                Math.Abs(p.First.Start - p.Second[0]) < 1e-9 && Math.Abs(p.First.End - p.Second[1]) < 1e-9);
            if (!same)
            {
                failures.Add($"{c[0].GetString()}: got {string.Join(", ", actual)}");
            }
        }

        cases.Length.ShouldBe(13);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Choose_every_growthbook_choose_variation_case_matches_expected()
    {
        JsonElement[] cases = GrowthBookCases.Section("chooseVariation");
        var failures = new List<string>();
        foreach (JsonElement c in cases)
        {
            BucketRange[] ranges = [.. c[2].EnumerateArray().Select(r => new BucketRange(r[0].GetDouble(), r[1].GetDouble()))];

            int actual = VariationRanges.Choose(c[1].GetDouble(), ranges);

            if (actual != c[3].GetInt32())
            {
                failures.Add($"{c[0].GetString()}: expected {c[3].GetInt32()}, got {actual}");
            }
        }

        cases.Length.ShouldBe(13);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void InNamespace_every_growthbook_case_matches_expected()
    {
        JsonElement[] cases = GrowthBookCases.Section("inNamespace");
        var failures = new List<string>();
        foreach (JsonElement c in cases)
        {
            JsonElement ns = c[2];

            bool actual = VariationRanges.InNamespace(c[1].GetString()!, ns[0].GetString()!, ns[1].GetDouble(), ns[2].GetDouble());

            if (actual != c[3].GetBoolean())
            {
                failures.Add($"{c[0].GetString()}: expected {c[3].GetBoolean()}, got {actual}");
            }
        }

        cases.Length.ShouldBe(16);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void EqualWeights_every_growthbook_case_matches_expected()
    {
        JsonElement[] cases = GrowthBookCases.Section("getEqualWeights");
        var failures = new List<string>();
        foreach (JsonElement c in cases)
        {
            double[] expected = [.. c[1].EnumerateArray().Select(w => w.GetDouble())];

            IReadOnlyList<double> actual = VariationRanges.EqualWeights(c[0].GetInt32());

            bool same = actual.Count == expected.Length && actual.Zip(expected).All(p => Math.Abs(p.First - p.Second) < 1e-8);
            if (!same)
            {
                failures.Add($"{c[0].GetInt32()}: got [{string.Join(", ", actual)}]");
            }
        }

        cases.Length.ShouldBe(6);
        failures.ShouldBeEmpty();
    }
}
