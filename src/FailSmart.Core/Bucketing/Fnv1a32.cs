using System.Runtime.CompilerServices;

namespace FailSmart.Core.Bucketing;

/// <summary>
/// 32-bit FNV-1a over UTF-16 code units (one step per <see cref="char"/>, not per byte or code
/// point), which is what GrowthBook's JavaScript SDK computes with <c>charCodeAt</c>.
/// </summary>
internal static class Fnv1a32
{
    public const uint OffsetBasis = 0x811C9DC5;
    public const uint Prime = 0x01000193;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static uint Append(uint state, ReadOnlySpan<char> text)
    {
        foreach (char c in text)
        {
            state = (state ^ c) * Prime;
        }

        return state;
    }

    public static uint Hash(ReadOnlySpan<char> text) => Append(OffsetBasis, text);

    /// <summary>
    /// Continues two independent hashes over the same text in one pass. The chains do not depend
    /// on each other, so the CPU overlaps their multiplications: two hashes cost about one.
    /// </summary>
    public static void Append2(ref uint a, ref uint b, ReadOnlySpan<char> text)
    {
        uint x = a, y = b;
        foreach (char c in text)
        {
            x = (x ^ c) * Prime;
            y = (y ^ c) * Prime;
        }

        a = x;
        b = y;
    }

    /// <summary>Three independent hashes over the same text in one pass.</summary>
    public static void Append3(ref uint a, ref uint b, ref uint c, ReadOnlySpan<char> text)
    {
        uint x = a, y = b, z = c;
        foreach (char ch in text)
        {
            x = (x ^ ch) * Prime;
            y = (y ^ ch) * Prime;
            z = (z ^ ch) * Prime;
        }

        a = x;
        b = y;
        c = z;
    }

    /// <summary>Hashes the decimal digits of <paramref name="value"/> without formatting a string.</summary>
    public static uint HashDecimal(uint value)
    {
        // At most 10 digits for a uint. Split into two halves of up to 5 digits so the two digit
        // chains are independent, write them into a small buffer, then hash forwards.
        Span<char> digits = stackalloc char[10];
        int start = digits.Length;
        uint high = value / 100_000;
        uint low = value - (high * 100_000);
        if (high == 0)
        {
            do
            {
                uint q = low / 10;
                digits[--start] = (char)('0' + (low - (q * 10)));
                low = q;
            }
            while (low != 0);
        }
        else
        {
            for (int i = 9; i >= 5; i--)
            {
                uint q = low / 10;
                digits[i] = (char)('0' + (low - (q * 10)));
                low = q;
            }

            start = 5;
            do
            {
                uint q = high / 10;
                digits[--start] = (char)('0' + (high - (q * 10)));
                high = q;
            }
            while (high != 0);
        }

        return Append(OffsetBasis, digits[start..]);
    }
}
