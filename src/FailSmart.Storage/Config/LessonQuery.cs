namespace FailSmart.Storage.Config;

/// <summary>
/// Which lessons to find. With <see cref="Words"/>, the engine's full-text match ranks them (every word
/// must occur, or any one with <see cref="AnyWord"/>); without, the newest come first. The other
/// filters narrow either.
/// </summary>
/// <param name="Words">Words to match, as <see cref="SearchWords.Of"/> splits text; operators and quotes are not words.</param>
/// <param name="AnyWord">A lesson matches when it has any of the words rather than all.</param>
/// <param name="Tag">Only lessons with this tag.</param>
/// <param name="SubjectKind">Only lessons about this kind of subject.</param>
/// <param name="SubjectKey">Only lessons about this subject (with <see cref="SubjectKind"/>).</param>
/// <param name="SharingAny">Only lessons that share at least one tag, metric or market with this draft's lists.</param>
/// <param name="IncludeArchived">Archived lessons too.</param>
/// <param name="Limit">At most this many.</param>
public sealed record LessonQuery(
    IReadOnlyList<string>? Words = null,
    bool AnyWord = false,
    string? Tag = null,
    string? SubjectKind = null,
    string? SubjectKey = null,
    LessonOverlap? SharingAny = null,
    bool IncludeArchived = false,
    int Limit = 50);
