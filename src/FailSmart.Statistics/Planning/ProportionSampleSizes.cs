namespace FailSmart.Statistics;

/// <summary>
/// Sample size per group for two proportions under the three common variance conventions:
/// unpooled Wald, pooled under the null (R <c>power.prop.test</c>), and Cohen's arcsine h
/// (statsmodels <c>NormalIndPower</c>, R <c>pwr.2p.test</c>).
/// </summary>
public sealed record ProportionSampleSizes(double Unpooled, double PooledNull, double Arcsine);
