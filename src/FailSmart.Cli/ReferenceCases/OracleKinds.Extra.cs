using System.Text.Json.Nodes;
using FailSmart.Statistics;

namespace FailSmart.Cli.ReferenceCases;

/// <summary>Kinds beyond the reference file, in the same form, so the CLI can analyse them too.</summary>
internal static partial class OracleKinds
{
    /// <summary><c>quantile</c>: <c>control.values</c>, <c>treatment.values</c>, <c>params.probability</c>.</summary>
    public static JsonObject Quantile(CaseReader r)
    {
        double p = r.DoubleOr("params.probability", 0.5);
        double alpha = Alpha(r);
        double[] control = r.Doubles("control.values");
        double[] treatment = r.Doubles("treatment.values");
        QuantileEstimate c = QuantileInterval.Estimate(control, p, alpha);
        QuantileEstimate t = QuantileInterval.Estimate(treatment, p, alpha);
        Comparison lifts = QuantileInterval.Compare(control, treatment, p, alpha);
        return new JsonObject
        {
            ["control_quantile"] = c.Quantile,
            ["control_ci"] = JsonOutput.Pair(c.ConfidenceInterval),
            ["treatment_quantile"] = t.Quantile,
            ["treatment_ci"] = JsonOutput.Pair(t.ConfidenceInterval),
            ["absolute"] = JsonOutput.Lift(lifts.Absolute),
            ["relative"] = JsonOutput.Lift(lifts.Relative),
        };
    }

    /// <summary><c>cuped_ratio</c>: per arm n and the sums m, d, p, q with products mm, dd, pp, qq, md, pq, mp, mq, dp, dq (suffix <c>_sum</c>).</summary>
    public static JsonObject CupedRatio(CaseReader r)
    {
        static CupedRatioStatistics Arm(CaseReader r, string a) => new(
            r.Long($"{a}.n"),
            r.Double($"{a}.m_sum"), r.Double($"{a}.d_sum"), r.Double($"{a}.p_sum"), r.Double($"{a}.q_sum"),
            r.Double($"{a}.mm_sum"), r.Double($"{a}.dd_sum"), r.Double($"{a}.pp_sum"), r.Double($"{a}.qq_sum"),
            r.Double($"{a}.md_sum"), r.Double($"{a}.pq_sum"),
            r.Double($"{a}.mp_sum"), r.Double($"{a}.mq_sum"), r.Double($"{a}.dp_sum"), r.Double($"{a}.dq_sum"));
        CupedComparison c = CupedRatioAdjustment.Compare(Arm(r, "control"), Arm(r, "treatment"), Alpha(r));
        return new JsonObject
        {
            ["theta"] = c.Theta,
            ["absolute"] = JsonOutput.Lift(c.Absolute),
            ["relative"] = JsonOutput.Lift(c.Relative),
        };
    }
}
