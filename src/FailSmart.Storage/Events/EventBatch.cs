namespace FailSmart.Storage.Events;

/// <summary>Exposures and metric events written together; a retry of the same batch is harmless.</summary>
public sealed record EventBatch(IReadOnlyList<Exposure> Exposures, IReadOnlyList<MetricEvent> MetricEvents)
{
    /// <summary>A batch with exposures only.</summary>
    public static EventBatch Of(params Exposure[] exposures) => new(exposures, []);

    /// <summary>A batch with metric events only.</summary>
    public static EventBatch Of(params MetricEvent[] metricEvents) => new([], metricEvents);

    /// <summary>Rejects a batch that no store could write, with a message that names the bad item.</summary>
    public void Validate()
    {
        ArgumentNullException.ThrowIfNull(Exposures);
        ArgumentNullException.ThrowIfNull(MetricEvents);
        for (int i = 0; i < Exposures.Count; i++)
        {
            Exposure e = Exposures[i] ?? throw new ArgumentException($"Exposure {i} is null.", nameof(Exposures));
            Require(e.EventId, "EventId", "exposure", i);
            Require(e.Environment, "Environment", "exposure", i);
            Require(e.UnitId, "UnitId", "exposure", i);
            Require(e.ExperimentKey, "ExperimentKey", "exposure", i);
            RequireProperties(e.Properties, "exposure", i);
        }

        for (int i = 0; i < MetricEvents.Count; i++)
        {
            MetricEvent e = MetricEvents[i] ?? throw new ArgumentException($"Metric event {i} is null.", nameof(MetricEvents));
            Require(e.EventId, "EventId", "metric event", i);
            Require(e.Environment, "Environment", "metric event", i);
            Require(e.UnitId, "UnitId", "metric event", i);
            Require(e.EventName, "EventName", "metric event", i);
            if (e.Value is double v && !double.IsFinite(v))
            {
                throw new ArgumentException($"Metric event {i} ('{e.EventId}') has a value that is not a finite number.", nameof(MetricEvents));
            }

            RequireProperties(e.Properties, "metric event", i);
        }
    }

    private static void RequireProperties(IReadOnlyDictionary<string, string>? properties, string kind, int index)
    {
        if (properties is not null && properties.Any(p => string.IsNullOrEmpty(p.Key) || p.Value is null))
        {
            throw new ArgumentException($"The {kind} at position {index} has a property with an empty name or a null value.", kind == "exposure" ? nameof(Exposures) : nameof(MetricEvents));
        }
    }

    private static void Require(string value, string field, string kind, int index)
    {
        if (string.IsNullOrEmpty(value))
        {
            throw new ArgumentException($"The {kind} at position {index} has no {field}.", kind == "exposure" ? nameof(Exposures) : nameof(MetricEvents));
        }
    }
}
