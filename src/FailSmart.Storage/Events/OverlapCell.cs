namespace FailSmart.Storage.Events;

/// <summary>Units in this experiment's <paramref name="Variation"/> and the other experiment's <paramref name="OtherVariation"/>.</summary>
public sealed record OverlapCell(int Variation, int OtherVariation, long Units);
