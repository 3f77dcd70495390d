using FailSmart.Application.Access;
using FailSmart.Application.Problems;

namespace FailSmart.Application.Learning;

/// <summary>Who may write lessons and glossary terms: editors and administrators; everyone signed in reads them.</summary>
internal static class LearningAccess
{
    public static ServiceProblem? MayWrite(Caller caller, string what)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.CanEdit
            ? null
            : ServiceProblems.Forbidden($"Viewers read {what}; editors and administrators write them. Ask an administrator for the editor role.");
    }

    public static ServiceProblem? Limit(int limit, int max) =>
        limit >= 1 && limit <= max ? null : ServiceProblems.Invalid("limit", $"limit must be between 1 and {max}, not {limit}.", "Leave it out for the default.");
}
