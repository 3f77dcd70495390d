namespace FailSmart.Storage.Config;

/// <summary>One committed change: who, when, what, before and after.</summary>
/// <param name="Id">Increasing with time.</param>
/// <param name="At">When it was committed.</param>
/// <param name="Actor">Who made it.</param>
/// <param name="Action">create, update, archive, toggle, key.create, key.revoke, ….</param>
/// <param name="Kind">The resource kind, or a pseudo-kind such as "api-key".</param>
/// <param name="Key">The resource key.</param>
/// <param name="Environment">The environment the change concerns, when it concerns one.</param>
/// <param name="Before">The JSON before (null for a create).</param>
/// <param name="After">The JSON after.</param>
/// <param name="Reason">The writer's reason, when given.</param>
/// <param name="Revision">The configuration revision the change produced.</param>
/// <param name="Approver">Who approved the change, when it came from an approved change request.</param>
public sealed record AuditEntry(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Kind,
    string Key,
    string? Environment,
    string? Before,
    string? After,
    string? Reason,
    long Revision,
    string? Approver = null);
