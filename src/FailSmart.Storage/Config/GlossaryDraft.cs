namespace FailSmart.Storage.Config;

/// <summary>What a glossary entry says.</summary>
/// <param name="Term">The word or phrase the team uses ("no-ads trial").</param>
/// <param name="Meaning">What the team means by it.</param>
/// <param name="Origin">Where it came from: the story, incident or decision that coined it.</param>
public sealed record GlossaryDraft(string Term, string Meaning, string Origin);
