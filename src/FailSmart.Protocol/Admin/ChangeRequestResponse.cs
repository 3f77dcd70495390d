using System.Text.Json;

namespace FailSmart.Protocol.Admin;

/// <summary>
/// A change to an environment that requires approval, waiting for (or decided by) someone other than its
/// author. Status is pending, approved, applied, rejected, conflict or withdrawn.
/// </summary>
public sealed record ChangeRequestResponse(
    long Id,
    string Kind,
    string Key,
    string? Environment,
    string Action,
    long? BaseVersion,
    JsonElement? Document,
    IReadOnlyList<string> Tags,
    string Author,
    string? Reason,
    string Status,
    DateTimeOffset CreatedAt,
    string? DecidedBy,
    DateTimeOffset? DecidedAt,
    string? DecisionNote,
    long? AppliedRevision);

/// <summary>Approving or rejecting a change request, with an optional note for the author and the audit log.</summary>
public sealed record ChangeRequestDecision(string? Note);
