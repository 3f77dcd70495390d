namespace FailSmart.Benchmarks.Client;

/// <summary>
/// The exposure de-duplication the client used before its exact set, kept as the benchmarks' baseline.
/// Remembers which (unit, experiment, phase) exposures were sent, in a fixed array of 64-bit
/// fingerprints: bounded memory, lock-free, no allocation. A slot reused by another unit only means
/// an exposure may be sent again, which the server tolerates; it never hides a new one (short of a
/// 64-bit collision).
/// </summary>
internal sealed class FingerprintExposureDeduplicator(int capacity)
{
    private const ulong OffsetBasis = 14695981039346656037;
    private const ulong Prime = 1099511628211;

    private readonly long[] _slots = new long[Math.Max(1, capacity)];

    /// <summary>True the first time this exposure is seen (send it); false when it was seen already.</summary>
    public bool TryAdd(string unitId, string experimentKey, int phase)
    {
        ulong hash = Mix(Mix(Mix(OffsetBasis, unitId), experimentKey), (uint)phase);
        long fingerprint = (long)(hash | 1); // never 0, the empty slot
        ref long slot = ref _slots[(int)(hash % (ulong)_slots.Length)];
        if (Volatile.Read(ref slot) == fingerprint)
        {
            return false;
        }

        return Interlocked.Exchange(ref slot, fingerprint) != fingerprint;
    }

    private static ulong Mix(ulong hash, string text)
    {
        foreach (char c in text)
        {
            hash = (hash ^ c) * Prime;
        }

        return (hash ^ 0xFFFF) * Prime; // a separator, so ("ab","c") and ("a","bc") differ
    }

    private static ulong Mix(ulong hash, uint value)
    {
        for (int i = 0; i < 4; i++)
        {
            hash = (hash ^ ((value >> (8 * i)) & 0xFF)) * Prime;
        }

        return hash;
    }
}
