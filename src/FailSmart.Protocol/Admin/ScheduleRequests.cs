using System.Text.Json;

namespace FailSmart.Protocol.Admin;

/// <summary>Schedules a configuration change.</summary>
/// <param name="DueAt">When to apply it: an ISO 8601 time with its offset, in the future.</param>
/// <param name="Change">
/// What to change: <c>{"kind": "flag", "key": "checkout", "environment": "production", "enabled": true}</c> turns a flag
/// on or off in one environment; <c>{"kind": "segment", "key": "beta", "document": {…}}</c> writes a resource's whole document.
/// </param>
/// <param name="Reason">Why, for the audit log.</param>
public sealed record ScheduleCreateRequest(DateTimeOffset? DueAt, JsonElement? Change, string? Reason);

/// <summary>Cancels a scheduled change, with an optional reason for the audit log.</summary>
public sealed record ScheduleCancelRequest(string? Reason);

/// <summary>
/// A scheduled change and what became of it. Status is pending, applied, cancelled, failed or waiting-for-approval;
/// action is toggle, update or create.
/// </summary>
public sealed record ScheduleResponse(
    long Id,
    DateTimeOffset DueAt,
    string Kind,
    string Key,
    string? Environment,
    string Action,
    bool? Enabled,
    JsonElement? Document,
    long? BaseVersion,
    string Author,
    string? Reason,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? FinishedAt,
    string? FinishedBy,
    long? AppliedRevision,
    string? Message,
    long? ChangeRequestId);
