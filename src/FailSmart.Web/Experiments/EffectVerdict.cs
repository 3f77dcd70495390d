namespace FailSmart.Web.Experiments;

/// <summary>Where a treatment's always-valid interval lies, read in the metric's good direction.</summary>
public enum EffectVerdict
{
    /// <summary>The interval holds zero, or there is no interval yet.</summary>
    Unclear,

    /// <summary>The whole interval is on the good side of zero.</summary>
    Better,

    /// <summary>The whole interval is on the bad side of zero.</summary>
    Worse,

    /// <summary>A red check makes every number untrustworthy, whatever the interval.</summary>
    DoNotTrust,
}
