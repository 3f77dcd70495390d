using System.Text.Json.Nodes;

namespace FailSmart.Statistics.Oracle;

internal static partial class OracleKinds
{
    public static JsonObject Sequential(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject BayesNormal(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject Srm(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject MultipleTesting(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject PowerMean(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject PowerProportion(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject NonInferiority(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject GroupSequentialBounds(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");
}
