using FailSmart.Storage.Config;

namespace FailSmart.Storage;

/// <summary>
/// Changes waiting for approval, kept in the configuration store so replicas share them. Every change
/// of a request advances the configuration revision, so open pages and other replicas notice it.
/// </summary>
public interface IChangeRequestStore
{
    /// <summary>Stores a pending request and audits it as "request", with the proposed document as "after".</summary>
    Task<ChangeRequest> CreateChangeRequestAsync(NewChangeRequest request, CancellationToken cancellationToken = default);

    /// <summary>The request with this id, or null.</summary>
    Task<ChangeRequest?> GetChangeRequestAsync(long id, CancellationToken cancellationToken = default);

    /// <summary>A filtered page of requests, newest first.</summary>
    Task<IReadOnlyList<ChangeRequest>> ListChangeRequestsAsync(ChangeRequestQuery query, CancellationToken cancellationToken = default);

    /// <summary>
    /// Moves a request from <paramref name="from"/> to <paramref name="to"/> in one transaction, or
    /// returns null when it is not in <paramref name="from"/> (or does not exist): of two concurrent
    /// decisions exactly one wins. Leaving <see cref="ChangeRequestStatus.Pending"/> records who decided,
    /// when, and their note. Rejected, withdrawn and conflict are audited ("request.reject",
    /// "request.withdraw", "request.conflict", the note as reason); approval and application are not,
    /// because the applied write's own audit entry names the approver.
    /// </summary>
    Task<ChangeRequest?> TransitionChangeRequestAsync(
        long id, ChangeRequestStatus from, ChangeRequestStatus to, string actor, string? note, long? appliedRevision, CancellationToken cancellationToken = default);
}
