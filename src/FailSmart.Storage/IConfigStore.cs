namespace FailSmart.Storage;

/// <summary>Where configuration lives: environments, flags, experiments, keys and the audit log.</summary>
public interface IConfigStore : IStore
{
    /// <summary>The environments, in the order they were created.</summary>
    Task<IReadOnlyList<string>> ListEnvironmentKeysAsync(CancellationToken cancellationToken = default);
}
