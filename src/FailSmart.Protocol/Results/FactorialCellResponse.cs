namespace FailSmart.Protocol.Results;

/// <summary>One combination of a factorial launch's features.</summary>
/// <param name="Key">The cell key: one 0 or 1 per feature in the launch's order ("10": the first on, the second off).</param>
/// <param name="Units">Analysed units in the cell.</param>
/// <param name="Value">The metric's observed value in the cell (a mean, a rate or a ratio).</param>
/// <param name="Fitted">The model's value in the cell; equal to the observed one for the saturated model.</param>
public sealed record FactorialCellResponse(string Key, long Units, double? Value, double? Fitted);
