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
    public static uint HashDecimal(uint value) =>
        value < 100_000_000 ? HashShortDecimal(value) : HashLongDecimal(value);

    /// <summary>
    /// <see cref="HashDecimal"/> of two values at once. The two digit chains do not depend on each
    /// other: in one straight run of code the CPU overlaps them, which separate calls do not allow.
    /// </summary>
    public static void HashDecimal2(ref uint a, ref uint b)
    {
        if (a < 100_000_000 || b < 100_000_000)
        {
            a = HashDecimal(a);
            b = HashDecimal(b);
            return;
        }

        a = HashLongDecimal(a);
        b = HashLongDecimal(b);
    }

    /// <summary><see cref="HashDecimal"/> of three values at once (see <see cref="HashDecimal2"/>).</summary>
    public static void HashDecimal3(ref uint a, ref uint b, ref uint c)
    {
        if (a < 100_000_000 || b < 100_000_000 || c < 100_000_000)
        {
            a = HashDecimal(a);
            b = HashDecimal(b);
            c = HashDecimal(c);
            return;
        }

        a = HashLongDecimal(a);
        b = HashLongDecimal(b);
        c = HashLongDecimal(c);
    }

    // 9 or 10 digits: nearly every first-pass hash. Only the FNV chain over the digits is serial:
    // they come from two five-digit halves in fixed point (one multiply per half, then one cheap
    // multiply by ten per digit), and the optional leading digit is folded in with a conditional
    // move rather than a branch that random input would mispredict.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint HashLongDecimal(uint value)
    {
        uint high = value / 100_000;
        uint low = value - (high * 100_000);
        ulong h = high * FivePlaces;
        ulong l = low * FivePlaces;
        uint leading = (uint)(h >> 32);
        uint state = OffsetBasis;
        uint withLeading = Step(state, leading);
        state = leading != 0 ? withLeading : state;
        state = NextDigit(state, ref h);
        state = NextDigit(state, ref h);
        state = NextDigit(state, ref h);
        state = NextDigit(state, ref h);
        state = Step(state, (uint)(l >> 32));
        state = NextDigit(state, ref l);
        state = NextDigit(state, ref l);
        state = NextDigit(state, ref l);
        return NextDigit(state, ref l);
    }

    // Multiplying the 32-bit fraction by ten moves the next decimal digit into the top 32 bits.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint NextDigit(uint state, ref ulong fixedPoint)
    {
        fixedPoint = (uint)fixedPoint * 10UL;
        return Step(state, (uint)(fixedPoint >> 32));
    }

    // ceil(2^32 / 10^4): n * this holds n / 10^4 in its top 32 bits and the rest as a 32-bit
    // fraction, exactly enough for every n below 10^5 (the tests check them all).
    private const ulong FivePlaces = 429_497;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static uint Step(uint state, uint digit) => (state ^ (digit + '0')) * Prime;

    // Values below 10^8 (about 2% of hashes): write the digits backwards, then hash forwards.
    private static uint HashShortDecimal(uint value)
    {
        Span<char> digits = stackalloc char[8];
        int start = digits.Length;
        do
        {
            uint q = value / 10;
            digits[--start] = (char)('0' + (value - (q * 10)));
            value = q;
        }
        while (value != 0);

        return Append(OffsetBasis, digits[start..]);
    }
}
