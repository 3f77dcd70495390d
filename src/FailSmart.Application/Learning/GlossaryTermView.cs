using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>A glossary term with the lessons whose text uses it, newest first.</summary>
public sealed record GlossaryTermView(GlossaryTerm Term, IReadOnlyList<Lesson> Lessons);
