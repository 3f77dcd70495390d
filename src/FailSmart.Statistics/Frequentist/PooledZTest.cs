namespace FailSmart.Statistics;

/// <summary>The classic two-proportion z-test with the variance pooled under the null (statsmodels <c>proportions_ztest</c>).</summary>
public sealed record PooledZTest(double Statistic, double PValue);
