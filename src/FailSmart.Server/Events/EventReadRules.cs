using System.Text.Json;

namespace FailSmart.Server.Events;

/// <summary>How an <see cref="EventBatchReader"/> differs between SDK batches and historical imports.</summary>
/// <param name="AnyAge">Accept timestamps of any age (an import of history), not only the recent window.</param>
/// <param name="DefaultType">The type of an event that does not name one.</param>
/// <param name="OnlyType">Refuse events of any other type.</param>
/// <param name="IdOf">Gives an event without an id one derived from its content, so a second import finds it again.</param>
internal sealed record EventReadRules(bool AnyAge, string? DefaultType, string? OnlyType, Func<JsonElement, string>? IdOf)
{
    /// <summary>`POST /events/v1/batch`: every event names its id and type and is recent.</summary>
    public static EventReadRules Batch { get; } = new(false, null, null, null);
}
