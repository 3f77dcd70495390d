using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using CoreConfiguration = FailSmart.Core.Model.Configuration;

namespace FailSmart.Application.Collisions;

/// <summary>
/// Before a change lets two trials share units (an experiment starts, leaves its layer or gains a rule,
/// a flag running a trial is turned on, an audience widens), refuses it with each collision and what
/// would separate them, unless the caller acknowledges with a reason; the acknowledgement is recorded
/// with the change's reason in the audit log. Checked against the configuration as it is when the change
/// is asked for, like approvals, so an approved change request applies as its author saw it.
/// </summary>
internal sealed class CollisionGate(IConfigStore store)
{
    // validate: the write's own validation, so a change that is invalid gets that answer rather than a collision.
    public async Task<(ServiceProblem? Refused, Caller Caller)> CheckAsync(
        Caller caller, ResourceKind kind, string key, string storedDocument, Func<IReadOnlyList<StoredResource>, ServiceProblem?>? validate, CancellationToken cancellationToken)
    {
        if (kind is ResourceKind.Metric)
        {
            return (null, caller);
        }

        var (resources, _) = await store.SnapshotAsync(cancellationToken);
        if (validate?.Invoke(resources) is { } invalid)
        {
            return (invalid, caller);
        }

        IReadOnlyList<StoredResource> after =
        [
            .. resources.Where(r => r.Kind != kind || r.Key != key),
            new StoredResource(kind, key, 0, storedDocument, [], false, default),
        ];
        CoreConfiguration? before = ConfigurationOf.Build(resources);
        CoreConfiguration? changed = ConfigurationOf.Build(after);
        if (before is null || changed is null)
        {
            return (null, caller); // validation reports what is wrong
        }

        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        IReadOnlyList<Collision> begun = CollisionFinder.Begun(before, changed, environments);
        if (begun.Count == 0)
        {
            return (null, caller);
        }

        if (!caller.AcknowledgesCollisions)
        {
            return (Refusal(begun), caller);
        }

        if (string.IsNullOrWhiteSpace(caller.Reason))
        {
            return (ServiceProblems.Invalid(
                "X-Change-Reason",
                "Acknowledging a collision needs a reason.",
                "Say why these trials may share units (X-Change-Reason header, or the reason field), and send the change again."), caller);
        }

        string note = "Acknowledged collisions: " + string.Join("; ", begun.Select(c => $"{c.Trial} with {c.OtherKind} {c.Other} in {c.Environment}")) + ".";
        return (null, caller with { Reason = caller.Reason + " " + note });
    }

    internal static ServiceProblem Refusal(IReadOnlyList<Collision> collisions) =>
        new(409,
            "The change would let trials share units.",
            $"{collisions.Count} collision{(collisions.Count == 1 ? "" : "s")}; the first: {collisions[0].Why} Separate them, or acknowledge with a reason (X-Acknowledge-Collisions: true and X-Change-Reason) to go ahead.",
            [.. collisions.Select((c, i) => new FieldProblem($"collisions[{i}]", $"{c.Environment}: {c.Why}", c.Separate))]);
}
