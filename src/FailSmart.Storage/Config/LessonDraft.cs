namespace FailSmart.Storage.Config;

/// <summary>What a lesson says: the part its author writes and edits.</summary>
/// <param name="SubjectKind">What it is about: feature, experiment or rollout.</param>
/// <param name="SubjectKey">Which one: a feature or experiment key, or a rollout as flag/environment/rule.</param>
/// <param name="Title">One line that a reader recognises the lesson by.</param>
/// <param name="Expected">What we expected to happen.</param>
/// <param name="Happened">What happened instead (or as well).</param>
/// <param name="Why">Why we think it happened.</param>
/// <param name="NextTime">What we will do differently.</param>
/// <param name="Tags">Lowercase slugs.</param>
/// <param name="Metrics">Keys of the metrics it concerns.</param>
/// <param name="Markets">Markets or segments it concerns, as slugs ("se", "nl", "new-users").</param>
/// <param name="Links">Evidence: absolute http(s) URLs or FailSmart paths such as /experiments/checkout.</param>
public sealed record LessonDraft(
    string SubjectKind,
    string SubjectKey,
    string Title,
    string Expected,
    string Happened,
    string Why,
    string NextTime,
    IReadOnlyList<string> Tags,
    IReadOnlyList<string> Metrics,
    IReadOnlyList<string> Markets,
    IReadOnlyList<string> Links);
