using FailSmart.Storage.Config;

namespace FailSmart.Web.Settings;

/// <summary>The add-a-person form's fields, and the change-access dialog's (role and environments only).</summary>
internal sealed class PersonModel
{
    public string? UserName { get; set; }

    public string? DisplayName { get; set; }

    public string? Password { get; set; }

    public AccountRole Role { get; set; } = AccountRole.Viewer;

    /// <summary>The environments an editor is limited to; none ticked means every environment.</summary>
    public HashSet<string> Environments { get; } = new(StringComparer.Ordinal);

    /// <summary>What the services take: a limit only for an editor who has one.</summary>
    public IReadOnlyList<string>? EnvironmentLimit(IReadOnlyList<EnvironmentRecord> known) =>
        Role == AccountRole.Editor && Environments.Count > 0 ? [.. known.Select(e => e.Key).Where(Environments.Contains)] : null;
}
