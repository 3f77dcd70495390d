namespace FailSmart.Storage.Config;

/// <summary>A stored lesson (a retrospective): what it says, who wrote it, and its version.</summary>
/// <param name="Id">Assigned by the store, increasing.</param>
/// <param name="Content">What it says.</param>
/// <param name="Author">Who wrote it first.</param>
/// <param name="CreatedAt">When it was written.</param>
/// <param name="UpdatedAt">When it last changed.</param>
/// <param name="Version">1 when written, one more at each change; the API's ETag.</param>
/// <param name="Archived">Kept, but left out of lists, search and similar lessons unless asked for.</param>
public sealed record Lesson(long Id, LessonDraft Content, string Author, DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt, long Version, bool Archived);
