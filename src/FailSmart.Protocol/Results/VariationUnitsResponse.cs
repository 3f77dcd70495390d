namespace FailSmart.Protocol.Results;

/// <summary>One variation's exposed units against its planned share of traffic.</summary>
public sealed record VariationUnitsResponse(int Index, string Key, double PlannedWeight, long Units);
