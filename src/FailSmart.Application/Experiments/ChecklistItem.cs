namespace FailSmart.Application.Experiments;

/// <summary>One launch check: what was checked, how it came out, and a sentence saying why and what to do.</summary>
/// <param name="Check">phase, flag, collisions, metrics, hypothesis or plan.</param>
/// <param name="State">Passed, warning or failed.</param>
/// <param name="Sentence">What was found, and what to do about it when it did not pass.</param>
public sealed record ChecklistItem(string Check, ChecklistState State, string Sentence);
