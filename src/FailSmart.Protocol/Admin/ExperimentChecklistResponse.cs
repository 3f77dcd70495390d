namespace FailSmart.Protocol.Admin;

/// <summary>
/// `GET /api/v1/experiments/{key}/checklist`: what to know before starting an experiment in an environment.
/// <paramref name="Outcome"/> is the worst item's state: passed, warning or failed.
/// </summary>
public sealed record ExperimentChecklistResponse(
    string Experiment, string Environment, string Status, int Phase, string Outcome, int? DaysToDecision, IReadOnlyList<ChecklistItemResponse> Items);

/// <summary>One check (phase, flag, collisions, metrics, hypothesis or plan), its state (passed, warning or failed) and a sentence saying why.</summary>
public sealed record ChecklistItemResponse(string Check, string State, string Sentence);
