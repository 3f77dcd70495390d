using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Tests.Bucketing;

public sealed class BucketHashTests
{
    // Expected values computed with GrowthBook's JavaScript algorithm (charCodeAt: UTF-16 code units)
    // under Node.js; they are FailSmart's own vectors for non-ASCII ids.
    [Theory]
    [InlineData("exp", "José", 2, 0.2831)]
    [InlineData("exp", "Zoë-ü", 2, 0.6759)]
    [InlineData("layer", "日本語ユーザー", 2, 0.7804)]
    [InlineData("", "😀", 2, 0.4971)]
    [InlineData("seed", "user-😀-𝔘𝔫𝔦", 2, 0.8249)]
    [InlineData("checkout", "ё", 2, 0.9086)]
    [InlineData("s", "\u00e9", 2, 0.8605)]
    [InlineData("s", "e\u0301", 2, 0.3133)]
    [InlineData("exp", "naïve", 1, 0.915)]
    [InlineData("x", "𝒳", 1, 0.811)]
    public void Hash_non_ascii_ids_match_javascript_reference(string seed, string value, int version, double expected)
    {
        BucketHash.Hash(seed, value, version).ShouldBe(expected);
    }

    [Fact]
    public void Hash_characters_outside_the_bmp_hash_as_two_utf16_code_units()
    {
        // "😀" is U+1F600, the surrogate pair D83D DE00. Hashing the code point instead (as
        // GrowthBook's Python SDK does) gives a different first pass.
        uint utf16 = Fnv1a32.Hash("😀");
        uint codePoint = unchecked((Fnv1a32.OffsetBasis ^ 0x1F600u) * Fnv1a32.Prime);

        utf16.ShouldBe(unchecked((((Fnv1a32.OffsetBasis ^ 0xD83Du) * Fnv1a32.Prime) ^ 0xDE00u) * Fnv1a32.Prime));
        utf16.ShouldNotBe(codePoint);
        Fnv1a32.Hash("" + "😀").ShouldBe(3409036472u);
    }

    [Theory]
    [InlineData(0u)]
    [InlineData(7u)]
    [InlineData(10u)]
    [InlineData(4294967295u)]
    [InlineData(2770604563u)]
    [InlineData(99999u)]
    [InlineData(100000u)]
    [InlineData(100001u)]
    [InlineData(1000000007u)]
    [InlineData(99999999u)]
    [InlineData(100000000u)]
    [InlineData(999999999u)]
    [InlineData(1000000000u)]
    [InlineData(1000099999u)]
    public void HashDecimal_equals_hashing_the_formatted_number(uint value)
    {
        Fnv1a32.HashDecimal(value).ShouldBe(Fnv1a32.Hash(value.ToString(System.Globalization.CultureInfo.InvariantCulture)));
    }

    [FsCheck.Xunit.Property(MaxTest = 2000)]
    public bool HashDecimal_equals_hashing_the_formatted_number_for_any_value(uint value) =>
        Fnv1a32.HashDecimal(value) == Fnv1a32.Hash(value.ToString(System.Globalization.CultureInfo.InvariantCulture));

    [FsCheck.Xunit.Property(MaxTest = 2_000)]
    public bool HashDecimal2_and_3_equal_one_value_at_a_time(uint a, uint b, uint c, byte shorter)
    {
        // Shift some values below 10^8 so the short-number path is taken too.
        a >>= shorter % 8;
        b >>= (shorter / 8) % 8;
        uint a2 = a, b2 = b, a3 = a, b3 = b, c3 = c;
        Fnv1a32.HashDecimal2(ref a2, ref b2);
        Fnv1a32.HashDecimal3(ref a3, ref b3, ref c3);
        return a2 == Fnv1a32.HashDecimal(a) && b2 == Fnv1a32.HashDecimal(b)
            && a3 == Fnv1a32.HashDecimal(a) && b3 == Fnv1a32.HashDecimal(b) && c3 == Fnv1a32.HashDecimal(c);
    }

    [Fact]
    public void HashDecimal_equals_hashing_the_formatted_number_across_every_digit_count()
    {
        // Walk each power of ten's neighbourhood and a stride through the whole range.
        for (ulong v = 0; v <= uint.MaxValue; v = (v * 3) + 1)
        {
            foreach (ulong probe in new[] { v, v + 1, v > 0 ? v - 1 : 0 })
            {
                uint value = (uint)Math.Min(probe, uint.MaxValue);
                Fnv1a32.HashDecimal(value).ShouldBe(Fnv1a32.Hash(value.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"value {value}");
            }
        }

        for (uint p = 1; p <= 1_000_000_000 && p > 0; p *= 10)
        {
            foreach (uint value in new[] { p - 1, p, p + 1, (p * 2) - 1 })
            {
                Fnv1a32.HashDecimal(value).ShouldBe(Fnv1a32.Hash(value.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"value {value}");
            }
        }

        for (uint value = uint.MaxValue - 1000; value != 0 && value <= uint.MaxValue; value++)
        {
            Fnv1a32.HashDecimal(value).ShouldBe(Fnv1a32.Hash(value.ToString(System.Globalization.CultureInfo.InvariantCulture)), $"value {value}");
        }
    }

    [Fact]
    public void BucketV2FromSeedState_equals_hashing_seed_and_value_together()
    {
        uint state = BucketHash.SeedState("checkout-layer");

        BucketHash.BucketV2FromSeedState(state, "user-42").ShouldBe(BucketHash.BucketV2("checkout-layer", "user-42"));
        BucketHash.BucketV2("checkout-layer", "user-42").ShouldBe((int)(BucketHash.Hash("checkout-layer", "user-42", 2)!.Value * 10000));
    }

    [Fact]
    public void Append3_equals_three_separate_hashes()
    {
        uint a = BucketHash.SeedState("a"), b = BucketHash.SeedState("bb"), c = BucketHash.SeedState("ccc");

        Fnv1a32.Append3(ref a, ref b, ref c, "0f8fad5b-d9cb-469f-a165-70867728950e");

        a.ShouldBe(Fnv1a32.Hash("a0f8fad5b-d9cb-469f-a165-70867728950e"));
        b.ShouldBe(Fnv1a32.Hash("bb0f8fad5b-d9cb-469f-a165-70867728950e"));
        c.ShouldBe(Fnv1a32.Hash("ccc0f8fad5b-d9cb-469f-a165-70867728950e"));
    }

    [Fact]
    public void Hash_unknown_version_is_null()
    {
        BucketHash.Hash("abc", "def", 3).ShouldBeNull();
        BucketHash.Hash("abc", "def", 0).ShouldBeNull();
    }
}
