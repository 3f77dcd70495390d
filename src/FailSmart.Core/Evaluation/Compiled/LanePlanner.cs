using FailSmart.Core.Bucketing;

namespace FailSmart.Core.Evaluation.Compiled;

/// <summary>Gives the first version-2 slots of a flag that hash the same attribute a shared lane.</summary>
internal sealed class LanePlanner
{
    private readonly List<string> _seeds = [];
    private string? _attribute;
    private string? _fallback;

    public HashSlot Assign(HashSlot slot)
    {
        if (slot.Version != HashVersion.V2)
        {
            return slot;
        }

        if (_attribute is null)
        {
            _attribute = slot.Attribute;
            _fallback = slot.Fallback;
        }
        else if (!string.Equals(_attribute, slot.Attribute, StringComparison.Ordinal) || !string.Equals(_fallback, slot.Fallback, StringComparison.Ordinal))
        {
            return slot;
        }

        int lane = _seeds.IndexOf(slot.Seed);
        if (lane < 0)
        {
            if (_seeds.Count == HashLanes.MaxLanes)
            {
                return slot;
            }

            lane = _seeds.Count;
            _seeds.Add(slot.Seed);
        }

        return slot with { Lane = lane };
    }

    public HashLanes? Build() =>
        _attribute is null || _seeds.Count == 0
            ? null
            : new HashLanes(_attribute, _fallback, [.. _seeds.Select(BucketHash.SeedState)]);
}
