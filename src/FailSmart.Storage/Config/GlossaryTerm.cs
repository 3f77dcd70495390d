namespace FailSmart.Storage.Config;

/// <summary>A term of the team's vernacular, stored.</summary>
/// <param name="Key">A slug made from the term when it was added; stays when the term is reworded.</param>
/// <param name="Content">What it says.</param>
/// <param name="Author">Who added it.</param>
/// <param name="CreatedAt">When.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">1 when added, one more at each change.</param>
/// <param name="Archived">Kept, but left out of the glossary unless asked for.</param>
public sealed record GlossaryTerm(string Key, GlossaryDraft Content, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, bool Archived);
