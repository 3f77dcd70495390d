using FailSmart.Client.Diagnostics;

namespace FailSmart.Client;

internal sealed partial class FailSmartClient
{
    /// <summary>A new rule set from the server: use it, keep it on disk, and be Ready.</summary>
    internal void OnServerRuleSet(RuleSetSnapshot snapshot)
    {
        Swap(snapshot);
        _cache?.Save(snapshot, _time.GetUtcNow());
        SetState(ClientState.Ready, null, $"the server sent revision {snapshot.Revision}");
    }

    /// <summary>The server confirmed the rule set in use is current (304, or a live stream).</summary>
    internal void OnServerConfirmed(long revision)
    {
        if (Snapshot is { } current && current.Origin != RuleSetOrigin.Server)
        {
            Swap(new RuleSetSnapshot(current.Evaluator, RuleSetOrigin.Server, revision > 0 ? revision : current.Revision, current.ETag, current.Json));
        }

        SetState(ClientState.Ready, null, $"the server confirmed revision {Snapshot?.Revision ?? revision} is current");
    }

    internal void OnSyncFailed(string reason)
    {
        RuleSetSnapshot? current = Snapshot;
        if (current is null)
        {
            SetState(ClientState.Error, reason + " No cached or bootstrap rule set either: every evaluation returns its default.");
        }
        else
        {
            SetState(ClientState.Stale, reason + $" Serving the rule set from the {Describe(current.Origin)}.");
        }
    }

    internal void OnRuleSetRejected(string reason) =>
        SetState(Snapshot is null ? ClientState.Error : ClientState.Stale, reason);

    private void Swap(RuleSetSnapshot snapshot)
    {
        snapshot.Counters = _usage?.Attach(snapshot.Evaluator);
        RuleSetSnapshot? previous = Interlocked.Exchange(ref _snapshot, snapshot);
        if (previous is not null && ReferenceEquals(previous.Evaluator, snapshot.Evaluator))
        {
            return;
        }

        ClientLog.RuleSetApplied(_logger, snapshot.Revision, snapshot.Origin);
        Raise(RuleSetChanged, EventArgs.Empty);
    }

    /// <summary>Changes the state. <paramref name="because"/> is what the log says when there is no <paramref name="reason"/> to keep (Ready has none).</summary>
    private void SetState(ClientState state, string? reason, string? because = null)
    {
        ClientState previous;
        lock (_stateGate)
        {
            previous = (ClientState)_state;
            if (previous == state && _stateReason == reason)
            {
                return;
            }

            Volatile.Write(ref _stateReason, reason);
            Volatile.Write(ref _state, (int)state);
        }

        if (state != ClientState.NotReady)
        {
            _initialized.TrySetResult(state);
        }

        if (previous != state)
        {
            ClientLog.StateChanged(_logger, previous, state, reason ?? because ?? "no reason given");
            Raise(StateChanged, new ClientStateChangedEventArgs(previous, state, reason));
        }
    }

    private void Raise<T>(EventHandler<T>? handler, T args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
#pragma warning disable CA1031 // an application's handler must not break the client
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClientLog.HandlerFailed(_logger, e);
        }
    }

    private void Raise(EventHandler? handler, EventArgs args)
    {
        try
        {
            handler?.Invoke(this, args);
        }
#pragma warning disable CA1031 // an application's handler must not break the client
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClientLog.HandlerFailed(_logger, e);
        }
    }
}
