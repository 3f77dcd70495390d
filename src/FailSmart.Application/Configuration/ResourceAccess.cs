using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Who may change what: viewers nothing; editors limited to some environments only those environments'
/// parts of existing flags; unrestricted editors and administrators everything in the configuration.
/// </summary>
internal static class ResourceAccess
{
    public static ServiceProblem ViewerRefused() =>
        ServiceProblems.Forbidden("Viewers can read everything but change nothing. Ask an administrator for the editor role.");

    public static ServiceProblem EnvironmentRefused(Caller caller, string environment) =>
        ServiceProblems.Forbidden(
            $"Your editor access covers {Listed(caller)}, not '{environment}'. Ask an administrator to change it there, or to extend your access.");

    public static ServiceProblem? MayCreate(Caller caller, ResourceKind kind) =>
        !caller.CanEdit ? ViewerRefused()
        : caller.EditsEverywhere ? null
        : ServiceProblems.Forbidden(
            $"Your editor access covers {Listed(caller)} only, and a new {ResourceKindNames.Name(kind)} concerns every environment. Ask an unrestricted editor or an administrator.");

    public static ServiceProblem? MayArchive(Caller caller, ResourceKind kind) =>
        !caller.CanEdit ? ViewerRefused()
        : caller.EditsEverywhere ? null
        : ServiceProblems.Forbidden(
            $"Your editor access covers {Listed(caller)} only, and archiving a {ResourceKindNames.Name(kind)} changes every environment. Ask an unrestricted editor or an administrator.");

    /// <summary>For an existing resource: null when the caller may make this change.</summary>
    public static ServiceProblem? MayUpdate(Caller caller, ResourceKind kind, string before, string after)
    {
        if (!caller.CanEdit)
        {
            return ViewerRefused();
        }

        if (caller.EditsEverywhere)
        {
            return null;
        }

        if (kind != ResourceKind.Flag)
        {
            return ServiceProblems.Forbidden(
                $"Your editor access covers {Listed(caller)} only, and a {ResourceKindNames.Name(kind)} is shared by every environment. Ask an unrestricted editor or an administrator.");
        }

        FlagChanges changes = FlagChanges.Between(before, after);
        if (changes.SharedChanged)
        {
            return ServiceProblems.Forbidden(
                $"This change touches the flag's variations or other settings every environment shares; your editor access covers {Listed(caller)} only. Change only those environments' parts, or ask an unrestricted editor.");
        }

        string? outside = changes.EnvironmentsChanged.FirstOrDefault(e => !caller.MayEdit(e));
        return outside is null ? null : EnvironmentRefused(caller, outside);
    }

    private static string Listed(Caller caller) =>
        caller.Environments is { Count: > 0 } environments ? string.Join(", ", environments) : "no environment";
}
