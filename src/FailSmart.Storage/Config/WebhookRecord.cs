namespace FailSmart.Storage.Config;

/// <summary>
/// A receiver of audit events. The secret is kept as it is, not hashed, because every delivery is signed
/// with it; it is shown to people once, when the webhook is created.
/// </summary>
/// <param name="Id">Public identifier.</param>
/// <param name="Url">Where deliveries are posted (http or https; chosen by an administrator).</param>
/// <param name="Secret">The HMAC-SHA256 signing secret.</param>
/// <param name="Events">Event types it receives: exact ("schedule.apply"), a family ("rollout.*", "flag.*"), or "*".</param>
/// <param name="Enabled">Whether new events are delivered to it.</param>
/// <param name="CreatedBy">Who created it.</param>
/// <param name="CreatedAt">When.</param>
public sealed record WebhookRecord(
    string Id,
    string Url,
    string Secret,
    IReadOnlyList<string> Events,
    bool Enabled,
    string CreatedBy,
    DateTimeOffset CreatedAt)
{
    /// <summary>Whether an event type matches one of <see cref="Events"/>.</summary>
    public bool Receives(string eventType) =>
        Events.Any(filter => filter == "*"
            || (filter.EndsWith(".*", StringComparison.Ordinal) ? eventType.StartsWith(filter[..^1], StringComparison.Ordinal) : eventType == filter));
}
