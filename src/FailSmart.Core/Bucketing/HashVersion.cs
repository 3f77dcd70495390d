namespace FailSmart.Core.Bucketing;

/// <summary>The bucketing hash. Version 2 is the default; version 1 is kept for compatibility.</summary>
public enum HashVersion
{
    /// <summary>(fnv1a32(value + seed) mod 1000) / 1000. Biased; only for compatibility.</summary>
    V1 = 1,

    /// <summary>(fnv1a32(decimal(fnv1a32(seed + value))) mod 10000) / 10000.</summary>
    V2 = 2,
}
