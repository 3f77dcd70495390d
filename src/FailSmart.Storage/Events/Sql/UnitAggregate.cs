namespace FailSmart.Storage.Events.Sql;

/// <summary>
/// One column of a unit's metric row: over the unit's events, the sum of <see cref="What"/> where
/// <see cref="Condition"/> holds, or for "did it happen" (<see cref="IsMaximum"/>) whether it ever held.
/// Both add up one event at a time, which is what lets a kept row take in new events without its old ones.
/// </summary>
internal sealed record UnitAggregate(bool IsMaximum, string Condition, string What)
{
    /// <summary>The one value an event adds: <see cref="What"/> where the condition holds, else 0.</summary>
    public string PerEvent => $"CASE WHEN {Condition} THEN {What} ELSE 0 END";

    /// <summary>
    /// True for a sum of event values, which floating point may round differently when added in another
    /// order; a count or a maximum comes out the same in any order.
    /// </summary>
    public bool AddsValues => !IsMaximum && What != "1";

    /// <summary>The aggregate over a unit's events.</summary>
    public string Sql => IsMaximum ? $"max({PerEvent})" : $"sum({PerEvent})";
}

/// <summary>The columns of a unit's metric row; a null denominator is always 0.</summary>
internal sealed record UnitAggregates(UnitAggregate Y, UnitAggregate? D, UnitAggregate X, UnitAggregate? Q, UnitAggregate N);
