using System.Diagnostics.CodeAnalysis;
using FailSmart.Application.Rollouts;

namespace FailSmart.Server.Demo;

/// <summary>
/// The rollout engine as the rest of the server sees it: while the demo generates, the periodic looker's
/// looks are skipped, so only the generator's day-by-day looks move the demo's rollouts and the same seed
/// gives the same history. Generation also waits for a periodic look already under way to finish, since a
/// look that began on real time and read the demo's first rollouts would date their stages wrongly. At every
/// other time it is the engine itself.
/// </summary>
[SuppressMessage("Reliability", "CA1001", Justification = "A SemaphoreSlim owns no kernel handle unless its AvailableWaitHandle is read, and the engine lives as long as the host.")]
internal sealed class DemoRolloutEngine(IRolloutEngine inner) : IRolloutEngine
{
    private readonly SemaphoreSlim _looks = new(1, 1);
    private int _generating;

    /// <summary>The engine the generator looks with.</summary>
    public IRolloutEngine Inner => inner;

    public bool Generating
    {
        get => Volatile.Read(ref _generating) == 1;
        private set => Volatile.Write(ref _generating, value ? 1 : 0);
    }

    /// <summary>Waits for a periodic look under way, then keeps periodic looks out until <see cref="EndGenerating"/>.</summary>
    public async Task BeginGeneratingAsync(CancellationToken cancellationToken)
    {
        await _looks.WaitAsync(cancellationToken);
        Generating = true;
    }

    public void EndGenerating()
    {
        Generating = false;
        _looks.Release();
    }

    public async Task<RolloutLookResult> LookAsync(CancellationToken cancellationToken = default)
    {
        if (!await _looks.WaitAsync(0, cancellationToken))
        {
            return new RolloutLookResult(false, 0, 0);
        }

        try
        {
            return await inner.LookAsync(cancellationToken);
        }
        finally
        {
            _looks.Release();
        }
    }
}
