namespace FailSmart.Application.Learning;

/// <summary>What someone looks for in the lessons.</summary>
/// <param name="Text">Words to find (all of them); empty lists the newest.</param>
/// <param name="Tag">Only lessons with this tag.</param>
/// <param name="Subject">Only lessons about this subject: "experiment:checkout", or a kind alone ("rollout").</param>
/// <param name="IncludeArchived">Archived lessons too.</param>
/// <param name="Limit">1 to 200.</param>
public sealed record LessonSearch(string? Text = null, string? Tag = null, string? Subject = null, bool IncludeArchived = false, int Limit = 50);
