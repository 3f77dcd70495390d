using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Statistics;

namespace FailSmart.Cli.ReferenceCases;

internal static partial class OracleKinds
{
    public static JsonObject BayesNormal(CaseReader r)
    {
        NormalPrior? prior = null;
        if (r.Has("params.prior"))
        {
            if (r.Get("params.prior").ValueKind != JsonValueKind.Object)
            {
                throw new MalformedCaseException("params.prior", "must be null or an object with mean and variance");
            }

            prior = new NormalPrior(r.Double("params.prior.mean"), r.Double("params.prior.variance"));
        }

        BayesianResult b = BayesianNormal.Analyze(r.Double("input.lift"), r.Double("input.lift_var"), prior, Alpha(r));
        return new JsonObject
        {
            ["post_mean"] = b.PosteriorMean,
            ["post_sd"] = b.PosteriorStandardDeviation,
            ["ci"] = JsonOutput.Pair(b.CredibleInterval),
            ["chance_to_win"] = b.ChanceToWin,
            ["risk_control"] = b.RiskControl,
            ["risk_treatment"] = b.RiskTreatment,
        };
    }

    public static JsonObject Srm(CaseReader r)
    {
        double[] users = r.Doubles("input.users");
        double[] weights = r.Has("input.weights") ? r.Doubles("input.weights") : [.. Enumerable.Repeat(1.0, users.Length)];
        if (weights.Length != users.Length)
        {
            throw new MalformedCaseException("input.weights", "must have one weight per arm in input.users");
        }

        SampleRatioMismatchResult s = SampleRatioMismatch.Check(users, weights, r.DoubleOr("params.threshold", SampleRatioMismatch.DefaultThreshold));
        return new JsonObject
        {
            ["chi2"] = s.ChiSquare,
            ["df"] = s.DegreesOfFreedom,
            ["p"] = s.PValue,
            ["flagged"] = s.Flagged,
        };
    }

    public static JsonObject MultipleTesting(CaseReader r)
    {
        double[] p = r.Doubles("input.p");
        double alpha = r.DoubleOr("params.alpha", 0.05);
        AdjustedPValues holm = FailSmart.Statistics.MultipleTesting.Holm(p, alpha);
        AdjustedPValues bh = FailSmart.Statistics.MultipleTesting.BenjaminiHochberg(p, alpha);
        return new JsonObject
        {
            ["holm"] = JsonOutput.Array(holm.PValues),
            ["bh"] = JsonOutput.Array(bh.PValues),
            ["holm_reject_05"] = JsonOutput.Array(holm.Rejected),
            ["bh_reject_05"] = JsonOutput.Array(bh.Rejected),
        };
    }

    public static JsonObject PowerMean(CaseReader r)
    {
        MeanPowerResult p = PowerAnalysis.ForMeans(
            r.Double("input.alpha"), r.Double("input.power"), r.Double("input.mean"), r.Double("input.sd"), r.Double("input.relative_mde"));
        return new JsonObject
        {
            ["n_per_group_exact"] = p.ExactSamplePerGroup,
            ["n_per_group"] = p.SamplePerGroup,
            ["mde_abs_at_n"] = p.MinimumDetectableEffect,
            ["power_at_n_two_sided"] = p.PowerAtSample,
        };
    }

    public static JsonObject PowerProportion(CaseReader r)
    {
        ProportionSampleSizes p = PowerAnalysis.ForProportions(r.Double("input.alpha"), r.Double("input.power"), r.Double("input.p1"), r.Double("input.p2"));
        return new JsonObject
        {
            ["n_per_group_unpooled"] = p.Unpooled,
            ["n_per_group_pooled_null"] = p.PooledNull,
            ["n_per_group_arcsine"] = p.Arcsine,
        };
    }

    public static JsonObject NonInferiority(CaseReader r)
    {
        string directionText = r.Has("params.direction") ? r.String("params.direction") : "higher_is_better";
        MetricDirection direction = directionText switch
        {
            "higher_is_better" => MetricDirection.HigherIsBetter,
            "lower_is_better" => MetricDirection.LowerIsBetter,
            _ => throw new MalformedCaseException("params.direction", "must be 'higher_is_better' or 'lower_is_better'"),
        };
        NonInferiorityResult n = FailSmart.Statistics.NonInferiority.Test(
            Mean(r, "control"), Mean(r, "treatment"), r.Double("params.margin_relative"), r.DoubleOr("params.alpha_one_sided", 0.05), direction);
        string bound = direction == MetricDirection.HigherIsBetter ? "lower_bound" : "upper_bound";
        return new JsonObject
        {
            ["estimate"] = n.Estimate,
            ["se"] = n.StandardError,
            ["stat"] = n.Statistic,
            ["p_t"] = n.PValueT,
            ["p_z"] = n.PValueZ,
            [$"{bound}_t"] = n.BoundT,
            [$"{bound}_z"] = n.BoundZ,
            ["non_inferior_t"] = n.NonInferiorT,
            ["non_inferior_z"] = n.NonInferiorZ,
        };
    }
}
