using System.Text.Json.Nodes;

namespace FailSmart.Statistics.Oracle;

internal static partial class OracleKinds
{
    public static JsonObject Sequential(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");

    public static JsonObject GroupSequentialBounds(CaseReader r) => throw new MalformedCaseException("kind", "not implemented");
}
