namespace FailSmart.Storage;

/// <summary>Where exposures and metric events live, and where analysis runs.</summary>
public interface IEventStore : IStore
{
    /// <summary>How many exposures are stored.</summary>
    Task<long> CountExposuresAsync(CancellationToken cancellationToken = default);
}
