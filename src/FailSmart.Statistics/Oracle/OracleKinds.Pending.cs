using System.Text.Json.Nodes;

namespace FailSmart.Statistics.Oracle;

internal static partial class OracleKinds
{
    public static JsonObject Sequential(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

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
