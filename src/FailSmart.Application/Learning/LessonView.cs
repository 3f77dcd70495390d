using FailSmart.Storage.Config;

namespace FailSmart.Application.Learning;

/// <summary>A lesson with the glossary terms its text uses.</summary>
public sealed record LessonView(Lesson Lesson, IReadOnlyList<GlossaryTerm> Terms);
