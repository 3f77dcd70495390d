using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Approvals;

/// <summary>
/// Decides whether a change waits for approval, and files the change request when it does. A change waits
/// when it changes what an environment that requires approval serves: the flag's part for that environment
/// (or its shared part while it is on there), or a shared resource that a flag on there reaches. Keys allowed
/// to bypass approval never wait.
/// </summary>
internal sealed class ApprovalGate(IConfigStore store, IChangeRequestStore requests, ConfigChangeNotifier notifier)
{
    /// <summary>A pending result when the change must wait for approval; null when it may be written now.</summary>
    public async Task<ServiceResult<StoredResource>?> RequestIfNeededAsync(
        Caller caller, ResourceKind kind, string key, string action, StoredResource? current, string? proposed, IReadOnlyList<string> tags,
        CancellationToken cancellationToken, long? expectedVersion = null)
    {
        if (caller.BypassesApproval)
        {
            return null;
        }

        string[] guarded = [.. (await store.ListEnvironmentsAsync(cancellationToken)).Where(e => e.RequiresApproval).Select(e => e.Key)];
        if (guarded.Length == 0)
        {
            return null;
        }

        string? before = current?.Document;
        string? after = action == "archive" ? null : proposed;
        List<string> affected = kind == ResourceKind.Flag
            ? FlagEnvironments(guarded, action, before, after)
            : await SharedEnvironmentsAsync(guarded, kind, key, before, after, cancellationToken);
        if (affected.Count == 0)
        {
            return null;
        }

        ChangeRequest request = await requests.CreateChangeRequestAsync(
            new NewChangeRequest(kind, key, affected.Count == 1 ? affected[0] : null, action, action == "create" ? null : expectedVersion ?? current?.Version,
                action == "archive" ? null : proposed, tags, caller.Actor, caller.Id, caller.Reason),
            cancellationToken);
        notifier.Publish(await store.GetRevisionAsync(cancellationToken));
        return new ServiceResult<StoredResource>(ServiceOutcome.PendingApproval, null, null, request);
    }

    /// <summary>Whether changes to this environment's part of flags need approval.</summary>
    public async Task<bool> RequiresApprovalAsync(string environment, CancellationToken cancellationToken) =>
        (await store.ListEnvironmentsAsync(cancellationToken)).Any(e => e.Key == environment && e.RequiresApproval);

    private static List<string> FlagEnvironments(string[] guarded, string action, string? before, string? after)
    {
        if (action is "archive" or "unarchive")
        {
            // Leaving or rejoining the rule set changes what an environment serves where the flag is on.
            string document = (action == "archive" ? before : after) ?? "{}";
            return [.. guarded.Where(e => EnvironmentUsage.IsOn(document, e))];
        }

        if (before is null)
        {
            // A new flag changes what an environment serves only where it starts on.
            return [.. guarded.Where(e => after is not null && EnvironmentUsage.IsOn(after, e))];
        }

        FlagChanges changes = FlagChanges.Between(before, after ?? "{}");
        return
        [
            .. guarded.Where(e =>
                changes.EnvironmentsChanged.Contains(e)
                || (changes.SharedChanged && (EnvironmentUsage.IsOn(before, e) || (after is not null && EnvironmentUsage.IsOn(after, e))))),
        ];
    }

    private async Task<List<string>> SharedEnvironmentsAsync(
        string[] guarded, ResourceKind kind, string key, string? before, string? after, CancellationToken cancellationToken)
    {
        (IReadOnlyList<StoredResource> resources, _) = await store.SnapshotAsync(cancellationToken);
        return [.. guarded.Where(e => EnvironmentUsage.Of(e, resources).IsAffectedBy(kind, key, before, after))];
    }
}
