using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;

namespace FailSmart.Web.Settings;

/// <summary>Finds a field's problem whether the service names it as a JSON path ("$.key") or as a parameter ("key").</summary>
internal static class ProblemFields
{
    public static FieldProblem? Field(this ServiceProblem? problem, string name) => problem?.For("$." + name) ?? problem?.For(name);
}
