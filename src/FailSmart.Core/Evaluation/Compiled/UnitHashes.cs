using FailSmart.Core.Bucketing;
using FailSmart.Core.Values;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>
/// Per-evaluation cache of a unit's buckets. The flag's shared lanes are computed on first use, in
/// one pass; other slots are hashed on demand. A ref struct: it lives on the stack, so storing
/// references into it needs no GC write barrier.
/// </summary>
internal ref struct UnitHashes(HashLanes? lanes, IAttributeSource attributes)
{
    private bool _computed;
    private bool _missing;
    private string _attribute = string.Empty;
    private string _value = string.Empty;
    private int _b0;
    private int _b1;
    private int _b2;

    /// <summary>The slot's bucket: [0, 10000) for version 2, [0, 1000) for version 1. False when the unit has no id.</summary>
    public bool TryGetBucket(in HashSlot slot, out int bucket, out string attribute, out string value)
    {
        if (slot.Lane >= 0 && lanes is not null)
        {
            if (!_computed)
            {
                ComputeLanes(lanes);
            }

            attribute = _attribute;
            value = _value;
            bucket = slot.Lane switch { 0 => _b0, 1 => _b1, _ => _b2 };
            return !_missing;
        }

        if (!UnitId.TryResolve(attributes, slot.Attribute, slot.Fallback, out attribute, out value))
        {
            bucket = -1;
            return false;
        }

        bucket = slot.Version == HashVersion.V1
            ? BucketHash.BucketV1(slot.Seed, value)
            : BucketHash.BucketV2FromSeedState(slot.SeedState, value);
        return true;
    }

    private void ComputeLanes(HashLanes plan)
    {
        _computed = true;
        if (!UnitId.TryResolve(attributes, plan.Attribute, plan.Fallback, out _attribute, out _value))
        {
            _missing = true;
            return;
        }

        uint[] seeds = plan.SeedStates;
        switch (seeds.Length)
        {
            case 1:
                _b0 = BucketHash.FinishV2(Fnv1a32.Append(seeds[0], _value));
                break;
            case 2:
                uint a = seeds[0], b = seeds[1];
                Fnv1a32.Append2(ref a, ref b, _value);
                Fnv1a32.HashDecimal2(ref a, ref b);
                _b0 = BucketHash.BucketOf(a);
                _b1 = BucketHash.BucketOf(b);
                break;
            default:
                uint x = seeds[0], y = seeds[1], z = seeds[2];
                Fnv1a32.Append3(ref x, ref y, ref z, _value);
                Fnv1a32.HashDecimal3(ref x, ref y, ref z);
                _b0 = BucketHash.BucketOf(x);
                _b1 = BucketHash.BucketOf(y);
                _b2 = BucketHash.BucketOf(z);
                break;
        }
    }
}
