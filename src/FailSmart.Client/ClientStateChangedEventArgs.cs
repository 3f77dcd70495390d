namespace FailSmart.Client;

/// <summary>The client moved from one state to another.</summary>
public sealed class ClientStateChangedEventArgs(ClientState previous, ClientState current, string? reason) : EventArgs
{
    public ClientState Previous { get; } = previous;

    public ClientState Current { get; } = current;

    /// <summary>Why, in words fit for a log (never a key or a user attribute).</summary>
    public string? Reason { get; } = reason;
}
