using System.Text.Json;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Schedules;

/// <summary>A scheduled change made ready to write: what the store is given, and what it was read against.</summary>
/// <param name="Kind">What is written.</param>
/// <param name="Key">Which one.</param>
/// <param name="Action">"create", "update" or "toggle".</param>
/// <param name="Stored">The document as stored (without tags).</param>
/// <param name="Tags">The tags.</param>
/// <param name="Current">The resource as it is now; null for a create.</param>
/// <param name="Document">The full document, for validation; null for a toggle.</param>
/// <param name="Environment">For a toggle: where.</param>
/// <param name="Enabled">For a toggle: on or off.</param>
internal sealed record ScheduledWrite(
    ResourceKind Kind,
    string Key,
    string Action,
    string Stored,
    IReadOnlyList<string> Tags,
    StoredResource? Current,
    JsonElement? Document,
    string? Environment,
    bool? Enabled);
