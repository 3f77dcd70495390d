namespace FailSmart.Protocol.Admin;

/// <summary>Adds a glossary term, or changes what it says (its key stays).</summary>
/// <param name="Term">The word or phrase, one line, at most 100 characters.</param>
/// <param name="Meaning">What the team means by it.</param>
/// <param name="Origin">Where it came from.</param>
public sealed record GlossaryTermRequest(string? Term, string? Meaning, string? Origin);

/// <summary>A lesson that uses a term.</summary>
public sealed record GlossaryLessonLink(long Id, string Title);

/// <summary>A glossary term. Lessons (in a single term's answer only) are the lessons whose text uses it.</summary>
public sealed record GlossaryTermResponse(
    string Key,
    string Term,
    string Meaning,
    string Origin,
    string Author,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt,
    long Version,
    bool Archived,
    IReadOnlyList<GlossaryLessonLink>? Lessons = null);
