using FailSmart.Cli.Commands;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>A step with what became of it: its change request when one was filed or found, and the refusal when it failed.</summary>
internal sealed record StepOutcome(PlanStep Step, StepStatus Status, long? ChangeRequest = null, ApiExchange? Refusal = null);
