using FailSmart.Core.Values;

namespace FailSmart.Client.FeatureManagement.Tests;

/// <summary>A client whose rule set a test replaces, as a new revision from the server would.</summary>
internal sealed class SwitchableClient(IFailSmartClient initial) : IFailSmartClient
{
    public IFailSmartClient Current { get; set; } = initial;

    public ClientState State => Current.State;

    public string? StateReason => Current.StateReason;

    public RuleSetOrigin Origin => Current.Origin;

    public long Revision => Current.Revision;

    public Task<ClientState> Initialization => Current.Initialization;

    public IReadOnlyCollection<string> FlagKeys => Current.FlagKeys;

    public DeliveryStatistics Delivery => Current.Delivery;

    public event EventHandler<ClientStateChangedEventArgs>? StateChanged
    {
        add => Current.StateChanged += value;
        remove => Current.StateChanged -= value;
    }

    public event EventHandler? RuleSetChanged
    {
        add => Current.RuleSetChanged += value;
        remove => Current.RuleSetChanged -= value;
    }

    public Task<ClientState> WaitForInitializationAsync(TimeSpan timeout, CancellationToken cancellationToken = default) => Current.WaitForInitializationAsync(timeout, cancellationToken);

    public bool GetBool(string flagKey, bool defaultValue, IAttributeSource? context = null) => Current.GetBool(flagKey, defaultValue, context);

    public string GetString(string flagKey, string defaultValue, IAttributeSource? context = null) => Current.GetString(flagKey, defaultValue, context);

    public double GetNumber(string flagKey, double defaultValue, IAttributeSource? context = null) => Current.GetNumber(flagKey, defaultValue, context);

    public DataValue GetJson(string flagKey, DataValue defaultValue, IAttributeSource? context = null) => Current.GetJson(flagKey, defaultValue, context);

    public FlagEvaluation<bool> GetBoolDetail(string flagKey, bool defaultValue, IAttributeSource? context = null) => Current.GetBoolDetail(flagKey, defaultValue, context);

    public FlagEvaluation<string> GetStringDetail(string flagKey, string defaultValue, IAttributeSource? context = null) => Current.GetStringDetail(flagKey, defaultValue, context);

    public FlagEvaluation<double> GetNumberDetail(string flagKey, double defaultValue, IAttributeSource? context = null) => Current.GetNumberDetail(flagKey, defaultValue, context);

    public FlagEvaluation<DataValue> GetJsonDetail(string flagKey, DataValue defaultValue, IAttributeSource? context = null) => Current.GetJsonDetail(flagKey, defaultValue, context);

    public void Track(string unitId, string eventName, double? value = null, IReadOnlyDictionary<string, string>? properties = null, string? eventId = null) => Current.Track(unitId, eventName, value, properties, eventId);

    public Task<bool> FlushAsync(CancellationToken cancellationToken = default) => Current.FlushAsync(cancellationToken);

    public void Dispose() => Current.Dispose();

    public ValueTask DisposeAsync() => Current.DisposeAsync();
}
