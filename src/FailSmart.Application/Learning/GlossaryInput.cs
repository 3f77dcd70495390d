namespace FailSmart.Application.Learning;

/// <summary>A glossary term as someone sends it ("$.term", "$.meaning", "$.origin").</summary>
public sealed record GlossaryInput(string? Term, string? Meaning, string? Origin);
