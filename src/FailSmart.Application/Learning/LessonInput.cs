namespace FailSmart.Application.Learning;

/// <summary>A lesson as someone sends it, before it is checked; every field may be missing.</summary>
/// <param name="SubjectKind">feature, experiment or rollout ("$.subject.kind").</param>
/// <param name="SubjectKey">The feature or experiment key, or the rollout as flag/environment/rule ("$.subject.key").</param>
/// <param name="Title">"$.title".</param>
/// <param name="Expected">"$.expected".</param>
/// <param name="Happened">"$.happened".</param>
/// <param name="Why">"$.why".</param>
/// <param name="NextTime">"$.nextTime".</param>
/// <param name="Tags">"$.tags".</param>
/// <param name="Metrics">"$.metrics".</param>
/// <param name="Markets">"$.markets".</param>
/// <param name="Links">"$.links".</param>
public sealed record LessonInput(
    string? SubjectKind,
    string? SubjectKey,
    string? Title,
    string? Expected,
    string? Happened,
    string? Why,
    string? NextTime,
    IReadOnlyList<string?>? Tags,
    IReadOnlyList<string?>? Metrics,
    IReadOnlyList<string?>? Markets,
    IReadOnlyList<string?>? Links);
