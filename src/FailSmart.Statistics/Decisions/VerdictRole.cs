namespace FailSmart.Statistics;

/// <summary>What a metric does in the verdict.</summary>
public enum VerdictRole
{
    /// <summary>Decides: the experiment ships only when one of these improves (Holm across primaries × treatments).</summary>
    Primary,

    /// <summary>Never decides; corrected with Benjamini–Hochberg and shown for learning.</summary>
    Secondary,

    /// <summary>Must not get worse: non-inferiority against its margin, without α correction.</summary>
    Guardrail,
}
