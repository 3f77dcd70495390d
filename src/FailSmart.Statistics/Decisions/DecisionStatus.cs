namespace FailSmart.Statistics;

/// <summary>What a metric result says, in the words a product team acts on.</summary>
public enum DecisionStatus
{
    /// <summary>Not enough data yet to say anything; see the progress toward the planned sample.</summary>
    TooEarly,

    /// <summary>No conclusion yet; the planned sample is expected to be reached by the estimated date.</summary>
    KeepRunning,

    /// <summary>The metric moved the right way, and the interval excludes zero.</summary>
    SignificantImprovement,

    /// <summary>The metric moved the wrong way, and the interval excludes zero.</summary>
    SignificantHarm,

    /// <summary>The planned sample was reached without a significant effect: any effect is smaller than the test could detect.</summary>
    Inconclusive,
}
