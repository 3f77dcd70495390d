namespace FailSmart.Storage;

/// <summary>One open connection that hears announced revisions. Dispose it to stop listening.</summary>
public interface IRevisionSubscription : IAsyncDisposable
{
    /// <summary>
    /// The newest revision announced since the last call, waiting for one if none is pending. Throws when
    /// the connection is lost; subscribe again, then read the revision, since announcements in between are lost.
    /// </summary>
    Task<long> NextAsync(CancellationToken cancellationToken = default);
}
