using System.Collections.Concurrent;

namespace FailSmart.Core.Evaluation;

/// <summary>A thread-safe in-process sticky assignment store (tests, single-process services).</summary>
public sealed class InMemoryStickyAssignmentStore : IStickyAssignmentStore
{
    private readonly ConcurrentDictionary<StickyAssignmentKey, string> _assignments = new();

    public int Count => _assignments.Count;

    /// <summary>Every remembered assignment, for inspection.</summary>
    public IEnumerable<KeyValuePair<StickyAssignmentKey, string>> Assignments => _assignments;

    public bool TryGet(in StickyAssignmentKey key, out string variationKey) =>
        _assignments.TryGetValue(key, out variationKey!);

    public void Save(in StickyAssignmentKey key, string variationKey) => _assignments[key] = variationKey;
}
