using FailSmart.Core.Values;

namespace FailSmart.Core.Model;

/// <summary>
/// A segment defined by a list of ids. A rule listing it matches when the unit's
/// <see cref="Attribute"/> is in the list; "$inGroup" uses it as a saved group.
/// </summary>
public sealed record IdListSegment(string Key, string Attribute, IReadOnlyList<DataValue> Ids) : Segment(Key);
