using FailSmart.Core.Targeting;

namespace FailSmart.Core.Model;

/// <summary>A segment defined by a condition, e.g. {"country": {"$in": ["US", "CA"]}}.</summary>
public sealed record ConditionSegment(string Key, Condition Condition) : Segment(Key);
