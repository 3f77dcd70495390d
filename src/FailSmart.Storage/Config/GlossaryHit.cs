namespace FailSmart.Storage.Config;

/// <summary>A glossary term found, with the engine's text relevance (0 when no words were matched).</summary>
public sealed record GlossaryHit(GlossaryTerm Term, double Rank);
