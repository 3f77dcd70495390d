using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Statistics.Tests.Properties;

/// <summary>Invariants of the always-valid methods and the t quantile.</summary>
public sealed class SequentialProperties
{
    [Property(MaxTest = 300)]
    public Property ConfidenceSequence_is_always_wider_than_the_fixed_horizon_interval(PositiveInt units, PositiveInt tuning, NormalFloat estimate)
    {
        double se = 0.37;
        SequentialEstimate cs = ConfidenceSequence.Apply(estimate.Get, se, units.Get, tuning.Get);
        double fixedHalfWidth = 1.959963984540054 * se;
        return (cs.ConfidenceInterval.Width / 2 > fixedHalfWidth && cs.ConfidenceInterval.Contains(estimate.Get)).ToProperty();
    }

    [Property(MaxTest = 300)]
    public Property Msprt_boundary_and_p_value_agree(NormalFloat estimate, PositiveInt units)
    {
        double n = units.Get + 10;
        MsprtResult m = Msprt.Apply(estimate.Get, 1.0, 3.84 * 2 / n);
        bool significant = Math.Abs(estimate.Get) >= m.ZStar;
        return (significant == (m.PValue <= 0.05 + 1e-12) || Math.Abs(Math.Abs(estimate.Get) - m.ZStar) < 1e-9).ToProperty();
    }

    [Property(MaxTest = 200)]
    public Property StudentT_quantile_inverts_the_tail_to_SciPy_precision(PositiveInt dofSeed, PositiveInt pSeed)
    {
        double dof = 1 + (dofSeed.Get % 5_000) / 7.0;
        double p = 0.5 + (0.4999 * (pSeed.Get % 10_000) / 10_000.0);
        double t = Distributions.StudentT.Quantile(p, dof);

        // SciPy's t.ppf stops at relative tolerance 1e-8 in t; the tail must match to that order.
        double tail = Distributions.StudentT.Survival(t, dof);
        return (Math.Abs(tail - (1 - p)) <= 1e-7 * (1 - p) + 1e-15).ToProperty();
    }
}
