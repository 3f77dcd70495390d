namespace FailSmart.Client.Events;

/// <summary>
/// The exposures already sent: an exact set of (unit, experiment, phase), compared by their strings, not
/// only by a hash, so two units never share a place and push each other out. At capacity the least
/// recently seen is forgotten (it may then be sent again, which the server de-duplicates by unit). A repeat
/// costs one hash, one uncontended lock and a comparison, and allocates nothing.
/// </summary>
/// <remarks>
/// Memory: 44 bytes an entry (40 for the entry, 4 for its bucket) plus the unit id's string, which the set
/// keeps alive (about 40 bytes for "u-12345", 96 for a GUID); the experiment key is the rule set's. The
/// arrays start small and double up to the capacity, so a client that runs no experiment pays almost nothing.
/// </remarks>
internal sealed class ExposureDeduplicator
{
    private const int None = -1;
    private const int InitialSize = 256;

    private readonly int _capacity;
    private readonly Lock _gate = new();
    private Entry[] _entries;
    private int[] _buckets; // each chain's first entry + 1, so that 0 means empty
    private int _count;
    private int _newest = None;
    private int _oldest = None;

    public ExposureDeduplicator(int capacity)
    {
        _capacity = Math.Max(1, capacity);
        _entries = new Entry[Math.Min(_capacity, InitialSize)];
        _buckets = new int[BucketsFor(_entries.Length)];
    }

    /// <summary>Exposures remembered now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _count;
            }
        }
    }

    /// <summary>True the first time this exposure is seen (send it); false when it is remembered already.</summary>
    public bool TryAdd(string unitId, string experimentKey, int phase)
    {
        int hash = HashCode.Combine(unitId, experimentKey, phase);
        lock (_gate)
        {
            int found = Find(hash, unitId, experimentKey, phase);
            if (found != None)
            {
                MakeNewest(found);
                return false;
            }

            int slot;
            if (_count == _capacity)
            {
                slot = _oldest;
                Unlink(slot);
                RemoveFromBucket(slot);
            }
            else
            {
                if (_count == _entries.Length)
                {
                    Grow();
                }

                slot = _count++;
            }

            ref Entry entry = ref _entries[slot];
            entry.Unit = unitId;
            entry.Experiment = experimentKey;
            entry.Phase = phase;
            entry.Hash = hash;
            AddToBucket(slot);
            LinkAsNewest(slot);
            return true;
        }
    }

    private int Find(int hash, string unitId, string experimentKey, int phase)
    {
        for (int i = _buckets[hash & (_buckets.Length - 1)] - 1; i != None; i = _entries[i].NextInBucket)
        {
            ref Entry entry = ref _entries[i];
            if (entry.Hash == hash && entry.Phase == phase && string.Equals(entry.Unit, unitId, StringComparison.Ordinal)
                && string.Equals(entry.Experiment, experimentKey, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return None;
    }

    private void AddToBucket(int slot)
    {
        ref int bucket = ref _buckets[_entries[slot].Hash & (_buckets.Length - 1)];
        _entries[slot].NextInBucket = bucket - 1;
        bucket = slot + 1;
    }

    private void RemoveFromBucket(int slot)
    {
        ref int bucket = ref _buckets[_entries[slot].Hash & (_buckets.Length - 1)];
        if (bucket - 1 == slot)
        {
            bucket = _entries[slot].NextInBucket + 1;
            return;
        }

        for (int i = bucket - 1; i != None; i = _entries[i].NextInBucket)
        {
            if (_entries[i].NextInBucket == slot)
            {
                _entries[i].NextInBucket = _entries[slot].NextInBucket;
                return;
            }
        }
    }

    private void MakeNewest(int slot)
    {
        if (slot != _newest)
        {
            Unlink(slot);
            LinkAsNewest(slot);
        }
    }

    private void LinkAsNewest(int slot)
    {
        ref Entry entry = ref _entries[slot];
        entry.Older = _newest;
        entry.Newer = None;
        if (_newest != None)
        {
            _entries[_newest].Newer = slot;
        }

        _newest = slot;
        if (_oldest == None)
        {
            _oldest = slot;
        }
    }

    private void Unlink(int slot)
    {
        ref Entry entry = ref _entries[slot];
        if (entry.Older != None)
        {
            _entries[entry.Older].Newer = entry.Newer;
        }
        else
        {
            _oldest = entry.Newer;
        }

        if (entry.Newer != None)
        {
            _entries[entry.Newer].Older = entry.Older;
        }
        else
        {
            _newest = entry.Older;
        }
    }

    // Doubles the entries (up to the capacity) and rebuilds the chains; the recency links keep their indexes.
    private void Grow()
    {
        Array.Resize(ref _entries, (int)Math.Min(_capacity, _entries.Length * 2L));
        _buckets = new int[BucketsFor(_entries.Length)];
        for (int i = 0; i < _count; i++)
        {
            AddToBucket(i);
        }
    }

    private static int BucketsFor(int entries) => (int)Math.Min(1 << 30, System.Numerics.BitOperations.RoundUpToPowerOf2((uint)entries));

    private struct Entry
    {
        public string Unit;
        public string Experiment;
        public int Phase;
        public int Hash;
        public int NextInBucket;
        public int Newer;
        public int Older;
    }
}
