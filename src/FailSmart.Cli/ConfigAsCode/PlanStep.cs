using System.Text.Json.Nodes;
using FailSmart.Application.Audit;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// One row of the plan: the action, the resource, the version it was read at (sent as If-Match, so a change
/// made since is refused rather than overwritten), the field-level changes, and the body to send.
/// </summary>
internal sealed record PlanStep(PlanAction Action, ResourceRef Ref, long? Version, IReadOnlyList<DiffLine> Changes, JsonObject? Body)
{
    public bool IsChange => Action is PlanAction.Create or PlanAction.Update or PlanAction.Unarchive or PlanAction.Archive;

    /// <summary>Unarchive, then write the file's document over the one it comes back with.</summary>
    public bool UpdateAfterUnarchive => Action == PlanAction.Unarchive && Body is not null;

    /// <summary>The resources this one refers to once written; a step waits when one of them waits for approval.</summary>
    public IReadOnlyCollection<ResourceRef> Uses { get; init; } = [];

    /// <summary>A pending change request that already asks for exactly this change: it is reported, not filed again.</summary>
    public long? PendingRequest { get; init; }

    /// <summary>The action as the admin API and its change requests name it.</summary>
    public string Verb => Action switch
    {
        PlanAction.Create => "create",
        PlanAction.Update => "update",
        PlanAction.Unarchive => "unarchive",
        PlanAction.Archive => "archive",
        PlanAction.Unchanged => "unchanged",
        PlanAction.KeptArchived => "kept-archived",
        _ => "not-in-file",
    };
}
