namespace FailSmart.Application.Access;

/// <summary>
/// Who asks for a change, as every application service sees it, whether the request came from a page
/// or through the API. Services check the role and environments themselves, so nothing depends on a
/// page hiding a button.
/// </summary>
/// <param name="Actor">How the audit log names the caller ("Ada Lovelace &lt;ada@example.com&gt;", or a key's name and id).</param>
/// <param name="Id">A stable id (account id or API key id), so nobody approves their own change request.</param>
/// <param name="Role">What the caller may do.</param>
/// <param name="Environments">The environments an editor may change flags in; null means all.</param>
/// <param name="BypassesApproval">An API key allowed to write to environments that require approval without a request.</param>
/// <param name="Reason">Why, when the caller says (X-Change-Reason, or the reason field of a form).</param>
/// <param name="AcknowledgesCollisions">The caller knows the change lets trials share units, and goes ahead (with a reason).</param>
/// <param name="ConfirmsArchive">The caller knows the flag being archived is still evaluated, and goes ahead (with a reason).</param>
public sealed record Caller(
    string Actor,
    string Id,
    CallerRole Role,
    IReadOnlyList<string>? Environments = null,
    bool BypassesApproval = false,
    string? Reason = null,
    bool AcknowledgesCollisions = false,
    bool ConfirmsArchive = false)
{
    /// <summary>Whether the caller may change anything at all.</summary>
    public bool CanEdit => Role is CallerRole.Editor or CallerRole.Admin;

    /// <summary>Whether the caller may change shared resources and every environment's part of a flag.</summary>
    public bool EditsEverywhere => Role == CallerRole.Admin || (Role == CallerRole.Editor && Environments is null);

    /// <summary>Whether the caller may change this environment's part of a flag.</summary>
    public bool MayEdit(string environment) =>
        Role == CallerRole.Admin || (Role == CallerRole.Editor && (Environments is null || Environments.Contains(environment, StringComparer.Ordinal)));

    /// <summary>The same caller with a reason.</summary>
    public Caller Because(string? reason) => reason is null ? this : this with { Reason = reason };
}
