using System.Text.Json;

namespace FailSmart.Protocol.Admin;

/// <summary>One audit log entry: who changed what, when, why, before and after.</summary>
public sealed record AuditEntryResponse(
    long Id,
    DateTimeOffset At,
    string Actor,
    string Action,
    string Kind,
    string Key,
    string? Environment,
    JsonElement? Before,
    JsonElement? After,
    string? Reason,
    long Revision,
    string? Approver = null);
