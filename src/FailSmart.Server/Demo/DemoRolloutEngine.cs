using FailSmart.Application.Rollouts;

namespace FailSmart.Server.Demo;

/// <summary>
/// The rollout engine as the rest of the server sees it: while the demo generates, the periodic looker's
/// looks are skipped, so only the generator's day-by-day looks move the demo's rollouts and the same seed
/// gives the same history. At every other time it is the engine itself.
/// </summary>
internal sealed class DemoRolloutEngine(IRolloutEngine inner) : IRolloutEngine
{
    private int _generating;

    /// <summary>The engine the generator looks with.</summary>
    public IRolloutEngine Inner => inner;

    public bool Generating
    {
        get => Volatile.Read(ref _generating) == 1;
        set => Volatile.Write(ref _generating, value ? 1 : 0);
    }

    public Task<RolloutLookResult> LookAsync(CancellationToken cancellationToken = default) =>
        Generating ? Task.FromResult(new RolloutLookResult(false, 0, 0)) : inner.LookAsync(cancellationToken);
}
