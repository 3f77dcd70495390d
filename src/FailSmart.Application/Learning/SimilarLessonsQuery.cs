namespace FailSmart.Application.Learning;

/// <summary>What someone is about to start, to find past lessons like it.</summary>
/// <param name="Text">Free text: a hypothesis, a feature's problem statement, a flag key.</param>
/// <param name="Metrics">Metric keys it will measure.</param>
/// <param name="Markets">Markets or segments it concerns.</param>
/// <param name="Tags">Tags it carries.</param>
/// <param name="Exclude">A subject whose own lessons to leave out, as "kind:key" (the thing being planned).</param>
/// <param name="Limit">1 to 20 lessons.</param>
public sealed record SimilarLessonsQuery(
    string? Text,
    IReadOnlyList<string>? Metrics = null,
    IReadOnlyList<string>? Markets = null,
    IReadOnlyList<string>? Tags = null,
    string? Exclude = null,
    int Limit = 3);
