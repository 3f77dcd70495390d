using System.Text.Json.Nodes;
using FailSmart.Statistics;

namespace FailSmart.Cli.ReferenceCases;

internal static partial class OracleKinds
{
    public static JsonObject Sequential(CaseReader r)
    {
        MeanStatistics control = Mean(r, "control");
        MeanStatistics treatment = Mean(r, "treatment");
        double alpha = Alpha(r);
        double tuning = r.Double("params.tuning_n_star");
        long total = control.N + treatment.N;
        MeanComparison c = WelchTest.Compare(control, treatment, alpha);
        SequentialEstimate abs = ConfidenceSequence.Apply(c.Absolute, total, tuning, alpha);
        SequentialEstimate rel = ConfidenceSequence.Apply(c.Relative, total, tuning, alpha);
        MsprtResult m = Msprt.Apply(control, treatment, alpha);
        return new JsonObject
        {
            ["absolute"] = Sequential(abs),
            ["relative"] = Sequential(rel),
            ["statsig_msprt_absolute"] = new JsonObject
            {
                ["z_star"] = m.ZStar,
                ["ci"] = JsonOutput.Pair(m.ConfidenceInterval),
                ["p"] = m.PValue,
            },
        };
    }

    private static JsonObject Sequential(SequentialEstimate s) => new()
    {
        ["estimate"] = s.Estimate,
        ["se"] = s.StandardError,
        ["ci"] = JsonOutput.Pair(s.ConfidenceInterval),
        ["p"] = s.PValue,
    };

    public static JsonObject GroupSequentialBounds(CaseReader r)
    {
        string name = r.String("input.spending");
        double gamma = r.DoubleOr("input.gamma", 2);
        SpendingFunction spending = name switch
        {
            "asOF" => SpendingFunction.OBrienFleming,
            "asP" => SpendingFunction.Pocock,
            "asKD" => SpendingFunction.PowerFamily(gamma),
            "asHSD" => new SpendingFunction(SpendingFamily.HwangShihDeCani, gamma),
            _ => throw new MalformedCaseException("input.spending", $"'{name}' is not one of asOF, asP, asKD, asHSD"),
        };
        GroupSequentialDesign d = GroupSequentialBoundaries.Compute(spending, r.Double("input.alpha_one_sided"), r.Doubles("input.info_fraction"));
        return new JsonObject
        {
            ["z_upper"] = JsonOutput.Array(d.ZUpper),
            ["cumulative_alpha"] = JsonOutput.Array(d.CumulativeAlpha),
            ["nominal_p_one_sided"] = JsonOutput.Array(d.NominalPOneSided),
            ["spending_function_values"] = JsonOutput.Array(d.SpendingValues),
        };
    }
}
