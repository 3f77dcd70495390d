namespace FailSmart.Statistics;

/// <summary>What an experiment as a whole says: the one answer a team acts on.</summary>
public enum VerdictKind
{
    /// <summary>A primary metric improved (Holm-corrected) and every guardrail ruled out a loss beyond its margin.</summary>
    Ship,

    /// <summary>A primary metric or guardrail got worse, or at the planned sample a guardrail could not rule out a loss.</summary>
    DoNotShip,

    /// <summary>Not decided yet; the planned sample is expected on the given date at the current rate.</summary>
    KeepRunning,

    /// <summary>The planned sample was reached without a primary metric improving: more data is unlikely to change that.</summary>
    StopForFutility,

    /// <summary>A check is red (sample ratio, dependent assignment, multiple exposures): no metric can be trusted.</summary>
    Invalid,
}
