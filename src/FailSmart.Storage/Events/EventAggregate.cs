namespace FailSmart.Storage.Events;

/// <summary>How a ratio's numerator or denominator aggregates its events per unit.</summary>
public enum EventAggregate
{
    /// <summary>The number of events.</summary>
    Count,

    /// <summary>The sum of the events' values (a missing value adds 0).</summary>
    Sum,
}
