using System.Text.Json.Nodes;
using FailSmart.Statistics;

namespace FailSmart.Cli.ReferenceCases;

/// <summary>Builds output objects with the reference's field names.</summary>
internal static class JsonOutput
{
    public static JsonArray Pair(Interval interval) => [interval.Lower, interval.Upper];

    public static JsonArray Array(IEnumerable<double> values) => [.. values.Select(v => (JsonNode)v)];

    public static JsonArray Array(IEnumerable<bool> values) => [.. values.Select(v => (JsonNode)v)];

    public static JsonObject Lift(LiftEstimate lift) => new()
    {
        ["estimate"] = lift.Estimate,
        ["se"] = lift.StandardError,
        ["dof"] = lift.DegreesOfFreedom,
        ["stat"] = lift.Statistic,
        ["p_t"] = lift.PValueT,
        ["ci_t"] = Pair(lift.ConfidenceIntervalT),
        ["p_z"] = lift.PValueZ,
        ["ci_z"] = Pair(lift.ConfidenceIntervalZ),
    };
}
