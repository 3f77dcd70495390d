namespace FailSmart.Statistics;

/// <summary>A guardrail only ever says one of two things.</summary>
public enum GuardrailVerdict
{
    NoHarmDetected,
    Harm,
}
