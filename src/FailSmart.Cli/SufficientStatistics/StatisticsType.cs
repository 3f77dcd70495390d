namespace FailSmart.Cli.SufficientStatistics;

/// <summary>How a metric's per-variation sums are compared.</summary>
internal enum StatisticsType
{
    /// <summary>A per-unit value (revenue per user): Welch's t-test, or CUPED with a covariate.</summary>
    Mean,

    /// <summary>A 0/1 per-unit value (converted or not): the two-proportion test, or CUPED with a covariate.</summary>
    Proportion,

    /// <summary>Σy / Σd over units (revenue per session): the delta method.</summary>
    Ratio,
}
