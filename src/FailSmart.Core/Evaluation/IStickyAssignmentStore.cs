namespace FailSmart.Core.Evaluation;

/// <summary>
/// Remembers each unit's experiment variation, so changing coverage or weights never moves a unit
/// that was already assigned. Implementations must be thread-safe and should not throw.
/// </summary>
public interface IStickyAssignmentStore
{
    bool TryGet(in StickyAssignmentKey key, out string variationKey);

    void Save(in StickyAssignmentKey key, string variationKey);
}
