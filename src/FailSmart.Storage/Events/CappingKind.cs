namespace FailSmart.Storage.Events;

/// <summary>Where a per-unit value is capped (winsorised).</summary>
public enum CappingKind
{
    /// <summary>At a fixed value.</summary>
    Fixed,

    /// <summary>At a percentile of the per-unit values of units that did the event, across all variations.</summary>
    Percentile,
}
