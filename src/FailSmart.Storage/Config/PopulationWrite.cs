namespace FailSmart.Storage.Config;

/// <summary>What a population write did: the stored record, and whether it was new, replaced or the same as before.</summary>
public sealed record PopulationWrite(PopulationRecord Population, bool Created, bool Changed);
