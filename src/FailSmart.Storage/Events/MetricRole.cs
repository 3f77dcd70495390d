namespace FailSmart.Storage.Events;

/// <summary>What a metric is for in a decision.</summary>
public enum MetricRole
{
    /// <summary>The metric the hypothesis is about; it decides a ship.</summary>
    Primary,

    /// <summary>Reported to explain the result; it decides nothing alone.</summary>
    Secondary,

    /// <summary>Must not get worse by more than the non-inferiority margin; harm stops a rollout.</summary>
    Guardrail,
}
