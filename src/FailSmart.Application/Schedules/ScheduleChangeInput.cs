using System.Text.Json;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Schedules;

/// <summary>
/// What a scheduled change will do: write <see cref="Document"/> (the resource's full document in the
/// configuration format, tags included; it creates the resource when there is none), or, for a flag, turn
/// it on or off in <see cref="Environment"/>.
/// </summary>
/// <param name="Kind">What will be written.</param>
/// <param name="Key">Which one (for a document, its key must match).</param>
/// <param name="Document">The new document; null for a toggle.</param>
/// <param name="Environment">For a toggle: where.</param>
/// <param name="Enabled">For a toggle: on or off.</param>
public sealed record ScheduleChangeInput(ResourceKind Kind, string Key, JsonElement? Document, string? Environment = null, bool? Enabled = null)
{
    /// <summary>A flag turned on or off in one environment.</summary>
    public static ScheduleChangeInput Toggle(string flagKey, string environment, bool enabled) => new(ResourceKind.Flag, flagKey, null, environment, enabled);
}
