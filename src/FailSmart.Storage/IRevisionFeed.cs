namespace FailSmart.Storage;

/// <summary>
/// A configuration store that announces each committed revision to every process listening, so replicas
/// hear of each other's writes as they commit instead of at their next poll.
/// </summary>
public interface IRevisionFeed
{
    /// <summary>
    /// Connects and starts listening. Every revision committed after this completes is announced through
    /// the subscription; one committed before may not be, so read the revision once after subscribing.
    /// </summary>
    Task<IRevisionSubscription> SubscribeAsync(CancellationToken cancellationToken = default);
}
