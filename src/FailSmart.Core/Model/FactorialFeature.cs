namespace FailSmart.Core.Model;

/// <summary>One feature a factorial launch bundles: the flag it turns on or off, and the seed that randomises it apart from the others.</summary>
public sealed record FactorialFeature(string Flag, string Seed);
