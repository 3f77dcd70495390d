using FailSmart.Core.Values;

namespace FailSmart.Core.Targeting;

/// <summary>Named id lists that "$inGroup" and "$notInGroup" refer to (GrowthBook's saved groups).</summary>
public sealed class SavedGroups
{
    private readonly Dictionary<string, ValueSet> _groups;

    public SavedGroups(IEnumerable<KeyValuePair<string, IEnumerable<DataValue>>> groups)
    {
        ArgumentNullException.ThrowIfNull(groups);
        _groups = new Dictionary<string, ValueSet>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, IEnumerable<DataValue>> group in groups)
        {
            _groups[group.Key] = new ValueSet(group.Value, ignoreCase: false);
        }
    }

    public static SavedGroups Empty { get; } = new([]);

    public bool Contains(string groupKey) => _groups.ContainsKey(groupKey);

    /// <summary>An unknown group is an empty list, as in GrowthBook.</summary>
    internal ValueSet Get(string groupKey) =>
        _groups.TryGetValue(groupKey, out ValueSet? set) ? set : ValueSet.Empty;
}
