using FailSmart.Storage.DuckDb;
using FsCheck;
using FsCheck.Xunit;

namespace FailSmart.Storage.Tests;

public sealed class StoredEventIdsTests
{
    [Property(MaxTest = 300)]
    public bool Add_and_Contains_agree_with_a_HashSet(byte[] slots, byte[] tags, byte[] probes)
    {
        // Hashes built from a few low bits (the slot) and a few high bits (the tag) collide on slots
        // often, so probing, wrap-around and growth are all exercised.
        static ulong Hash(byte slot, byte tag) => ((ulong)tag << 56) | ((ulong)slot * 1024) | 1;

        var ids = new StoredEventIds();
        var expected = new HashSet<ulong>();
        for (int i = 0; i < slots.Length; i++)
        {
            ulong hash = Hash(slots[i], tags.Length == 0 ? (byte)0 : tags[i % tags.Length]);
            if (ids.Add(hash) != expected.Add(hash))
            {
                return false;
            }
        }

        return ids.Count == expected.Count &&
            expected.All(ids.Contains) &&
            probes.Select(p => Hash(p, p)).All(h => ids.Contains(h) == expected.Contains(h));
    }

    [Fact]
    public void Add_keeps_every_id_through_growth()
    {
        var ids = new StoredEventIds();
        string[] added = [.. Enumerable.Range(0, 50_000).Select(i => $"event-{i}")];

        added.Select(id => ids.Add(StoredEventIds.HashOf(id))).ShouldAllBe(isNew => isNew);

        ids.Count.ShouldBe(50_000);
        added.ShouldAllBe(id => ids.Contains(StoredEventIds.HashOf(id)));
        added.ShouldAllBe(id => !ids.Add(StoredEventIds.HashOf(id)));
        Enumerable.Range(50_000, 1_000).ShouldAllBe(i => !ids.Contains(StoredEventIds.HashOf($"event-{i}")));
    }

    [Fact]
    public void HashOf_tells_ids_apart_that_differ_in_one_character_or_in_case()
    {
        string[] ids = ["a", "A", "b", "ab", "ba", "event-1", "event-2", "Event-1", "événement"];

        ids.Select(StoredEventIds.HashOf).Distinct().Count().ShouldBe(ids.Length);
        ids.ShouldAllBe(id => StoredEventIds.HashOf(id) != 0);
    }
}
