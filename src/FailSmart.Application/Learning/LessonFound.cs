using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>A lesson in search results.</summary>
/// <param name="Lesson">The lesson.</param>
/// <param name="Relevance">The engine's rank over the best one in this answer: 0 to 1 (0 when nothing was searched for).</param>
/// <param name="Snippet">A short piece of its text around the first word found, when words were searched for.</param>
public sealed record LessonFound(Lesson Lesson, double Relevance, string? Snippet);
