namespace FailSmart.Core.Model;

/// <summary>What a metric decides in one experiment or rollout (the same three roles a metric definition has).</summary>
public enum MetricUse
{
    /// <summary>The metric the hypothesis is about; it decides a ship.</summary>
    Primary,

    /// <summary>Reported to explain the result; it decides nothing alone.</summary>
    Secondary,

    /// <summary>Must not get worse by more than its margin; harm stops a rollout.</summary>
    Guardrail,
}
