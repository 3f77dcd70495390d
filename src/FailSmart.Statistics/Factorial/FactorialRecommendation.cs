namespace FailSmart.Statistics;

/// <summary>What a factorial launch's main effects say to do with its features.</summary>
public enum FactorialRecommendation
{
    /// <summary>No main effect is significant in either direction.</summary>
    Inconclusive,

    /// <summary>At least one feature helps and none hurts.</summary>
    ShipHelping,

    /// <summary>At least one feature helps and at least one hurts: ship them separately, not as one bundle.</summary>
    ShipSeparately,

    /// <summary>No feature helps and at least one hurts.</summary>
    ShipNone,
}
