using System.Text.Json.Nodes;
using FailSmart.Statistics;

namespace FailSmart.Cli.ReferenceCases;

/// <summary>One handler per case kind: read the inputs, call the public API, name the outputs.</summary>
internal static partial class OracleKinds
{
    private static double Alpha(CaseReader r) => r.DoubleOr(r.Has("params.alpha") ? "params.alpha" : "input.alpha", 0.05);

    private static MeanStatistics Mean(CaseReader r, string arm) =>
        new(r.Long($"{arm}.n"), r.Double($"{arm}.sum"), r.Double($"{arm}.sum_sq"));

    public static JsonObject MeanWelch(CaseReader r)
    {
        MeanComparison c = WelchTest.Compare(Mean(r, "control"), Mean(r, "treatment"), Alpha(r), r.DoubleOr("params.null", 0));
        return new JsonObject
        {
            ["control_mean"] = c.ControlMean,
            ["control_var"] = c.ControlVariance,
            ["treatment_mean"] = c.TreatmentMean,
            ["treatment_var"] = c.TreatmentVariance,
            ["absolute"] = JsonOutput.Lift(c.Absolute),
            ["relative"] = JsonOutput.Lift(c.Relative),
        };
    }

    public static JsonObject Proportion(CaseReader r)
    {
        var control = new ProportionStatistics(r.Long("control.n"), r.Double("control.sum"));
        var treatment = new ProportionStatistics(r.Long("treatment.n"), r.Double("treatment.sum"));
        ProportionComparison c = ProportionTest.Compare(control, treatment, Alpha(r));
        return new JsonObject
        {
            ["absolute"] = JsonOutput.Lift(c.Absolute),
            ["relative"] = JsonOutput.Lift(c.Relative),
            ["pooled_z"] = new JsonObject { ["stat"] = c.PooledZ.Statistic, ["p"] = c.PooledZ.PValue },
        };
    }

    public static JsonObject RatioDelta(CaseReader r)
    {
        static RatioStatistics Arm(CaseReader r, string a) => new(
            r.Long($"{a}.n"), r.Double($"{a}.m_sum"), r.Double($"{a}.m_sum_sq"), r.Double($"{a}.d_sum"), r.Double($"{a}.d_sum_sq"), r.Double($"{a}.md_sum"));
        RatioComparison c = DeltaMethodRatio.Compare(Arm(r, "control"), Arm(r, "treatment"), Alpha(r));
        return new JsonObject
        {
            ["control_ratio"] = c.ControlRatio,
            ["control_unit_var"] = c.ControlUnitVariance,
            ["treatment_ratio"] = c.TreatmentRatio,
            ["treatment_unit_var"] = c.TreatmentUnitVariance,
            ["absolute"] = JsonOutput.Lift(c.Absolute),
            ["relative"] = JsonOutput.Lift(c.Relative),
        };
    }

    public static JsonObject Cuped(CaseReader r)
    {
        static CupedStatistics Arm(CaseReader r, string a) => new(
            r.Long($"{a}.n"), r.Double($"{a}.y_sum"), r.Double($"{a}.y_sum_sq"), r.Double($"{a}.x_sum"), r.Double($"{a}.x_sum_sq"), r.Double($"{a}.xy_sum"));
        CupedComparison c = CupedAdjustment.Compare(Arm(r, "control"), Arm(r, "treatment"), Alpha(r));
        return new JsonObject
        {
            ["theta"] = c.Theta,
            ["absolute"] = JsonOutput.Lift(c.Absolute),
            ["relative"] = JsonOutput.Lift(c.Relative),
        };
    }
}
