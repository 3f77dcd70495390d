namespace FailSmart.Statistics;

/// <summary>Lan–DeMets alpha-spending families (names follow R rpact / gsDesign).</summary>
public enum SpendingFamily
{
    /// <summary>O'Brien–Fleming type (rpact asOF): 2(1 − Φ(z₁₋α/₂ / √t)). Spends almost nothing early.</summary>
    OBrienFleming,

    /// <summary>Pocock type (rpact asP): α·ln(1 + (e − 1)t). Spends evenly; early stops are easier.</summary>
    Pocock,

    /// <summary>Kim–DeMets power family (rpact asKD): α·t^γ. γ = 2 is Spotify's default; γ = 3 is close to O'Brien–Fleming.</summary>
    Power,

    /// <summary>Hwang–Shih–DeCani (rpact asHSD): α(1 − e^(−γt)) / (1 − e^(−γ)), γ ≠ 0.</summary>
    HwangShihDeCani,
}
