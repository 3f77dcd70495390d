using FailSmart.Core.Values;

namespace FailSmart.Client;

/// <summary>
/// The FailSmart client: one per application, thread-safe. Evaluates flags locally from a cached rule
/// set in nanoseconds and never throws from an evaluation: on any failure it returns the caller's
/// default, and the detail form says why.
/// </summary>
public interface IFailSmartClient : IDisposable, IAsyncDisposable
{
    /// <summary>The current state.</summary>
    ClientState State { get; }

    /// <summary>Why the client is in its state (Stale and Error always have a reason).</summary>
    string? StateReason { get; }

    /// <summary>Where the current rule set came from.</summary>
    RuleSetOrigin Origin { get; }

    /// <summary>The revision of the current rule set on the server, or 0 when unknown.</summary>
    long Revision { get; }

    /// <summary>Completes when initialisation has an outcome (Ready, Stale or Error), with that state.</summary>
    Task<ClientState> Initialization { get; }

    /// <summary>Raised when the state changes. Handlers run on a background thread; an exception in one is logged and ignored.</summary>
    event EventHandler<ClientStateChangedEventArgs>? StateChanged;

    /// <summary>Raised when a new rule set is in use.</summary>
    event EventHandler? RuleSetChanged;

    /// <summary>Waits for initialisation at most <paramref name="timeout"/>, then returns the state (NotReady if it has not finished). Never throws on timeout.</summary>
    Task<ClientState> WaitForInitializationAsync(TimeSpan timeout, CancellationToken cancellationToken = default);

    bool GetBool(string flagKey, bool defaultValue, IAttributeSource? context = null);

    string GetString(string flagKey, string defaultValue, IAttributeSource? context = null);

    double GetNumber(string flagKey, double defaultValue, IAttributeSource? context = null);

    DataValue GetJson(string flagKey, DataValue defaultValue, IAttributeSource? context = null);

    FlagEvaluation<bool> GetBoolDetail(string flagKey, bool defaultValue, IAttributeSource? context = null);

    FlagEvaluation<string> GetStringDetail(string flagKey, string defaultValue, IAttributeSource? context = null);

    FlagEvaluation<double> GetNumberDetail(string flagKey, double defaultValue, IAttributeSource? context = null);

    FlagEvaluation<DataValue> GetJsonDetail(string flagKey, DataValue defaultValue, IAttributeSource? context = null);

    /// <summary>The keys of the flags in the current rule set.</summary>
    IReadOnlyCollection<string> FlagKeys { get; }

    /// <summary>
    /// Records a metric event (a purchase, a page load) for a unit. Never throws. With
    /// <see cref="EventDurability.WriteAhead"/> it returns once the event is on disk.
    /// </summary>
    /// <param name="unitId">The unit (user, device, account): the same id the experiments hash.</param>
    /// <param name="eventName">What happened; metrics select events by this name.</param>
    /// <param name="value">An optional number, such as the order value.</param>
    /// <param name="properties">Optional string attributes for breakdowns. Sent to your FailSmart server, never logged.</param>
    /// <param name="eventId">
    /// Your own id for this event (such as the order id), so that your retry of the same event is stored once:
    /// at most 512 characters of valid Unicode. An invalid id refuses the event (logged, and counted in
    /// <see cref="DeliveryStatistics.Rejected"/>). By default each call gets a new UUID.
    /// </param>
    void Track(string unitId, string eventName, double? value = null, IReadOnlyDictionary<string, string>? properties = null, string? eventId = null);

    /// <summary>Sends every queued event now. Returns true when nothing is left pending.</summary>
    Task<bool> FlushAsync(CancellationToken cancellationToken = default);

    /// <summary>Counts of queued, delivered, deduplicated and dropped events.</summary>
    DeliveryStatistics Delivery { get; }
}
