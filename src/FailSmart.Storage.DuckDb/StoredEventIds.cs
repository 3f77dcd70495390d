using System.IO.Hashing;
using System.Numerics;
using System.Runtime.InteropServices;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// The ids stored in one event table, as 64-bit hashes in an open-addressing table: what makes a
/// retried event count once. A DuckDB primary key did this before, but keeping its index up to date
/// took most of an append's time; this set takes 8 bytes a slot (10.7 to 16 per id) where the index
/// also held every id in memory. Two different ids share a hash with probability 2⁻⁶⁴: over a store of
/// 70 million events the chance that any event is ever taken for another is about 1 in 7,500.
/// Not thread-safe: the store's writer owns it.
/// </summary>
internal sealed class StoredEventIds
{
    private const int MinimumCapacity = 1024;

    // Zero marks an empty slot; a hash of zero is stored as one.
    private ulong[] _slots;
    private int _count;

    public StoredEventIds(long expected = 0) => _slots = new ulong[CapacityFor(expected)];

    public int Count => _count;

    /// <summary>The hash this set keeps for <paramref name="id"/>: XxHash3 of its UTF-16 code units.</summary>
    public static ulong HashOf(string id)
    {
        ulong hash = XxHash3.HashToUInt64(MemoryMarshal.AsBytes(id.AsSpan()));
        return hash == 0 ? 1 : hash;
    }

    /// <summary>Adds <paramref name="hash"/> and says whether it was new.</summary>
    public bool Add(ulong hash)
    {
        if ((_count + 1) * 4L > _slots.Length * 3L)
        {
            Grow();
        }

        int slot = SlotOf(hash);
        if (_slots[slot] == hash)
        {
            return false;
        }

        _slots[slot] = hash;
        _count++;
        return true;
    }

    public bool Contains(ulong hash) => _slots[SlotOf(hash)] == hash;

    // Linear probing: the slot that holds the hash, or the empty one where it would go.
    private int SlotOf(ulong hash)
    {
        int mask = _slots.Length - 1;
        int i = (int)hash & mask;
        while (_slots[i] != hash && _slots[i] != 0)
        {
            i = (i + 1) & mask;
        }

        return i;
    }

    private void Grow()
    {
        ulong[] old = _slots;
        _slots = new ulong[old.Length * 2];
        _count = 0;
        foreach (ulong hash in old)
        {
            if (hash != 0)
            {
                Add(hash);
            }
        }
    }

    // A power of two that keeps the table at most three quarters full.
    private static int CapacityFor(long expected) =>
        (int)BitOperations.RoundUpToPowerOf2((ulong)Math.Max(MinimumCapacity, (expected * 4 / 3) + 1));
}
