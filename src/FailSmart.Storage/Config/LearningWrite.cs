namespace FailSmart.Storage.Config;

/// <summary>How a change to a lesson or glossary term ended.</summary>
/// <param name="Status">Committed, Unchanged, NotFound or Stale.</param>
/// <param name="Value">The value after the change (or as it is, when unchanged or stale).</param>
public sealed record LearningWrite<T>(LearningWriteStatus Status, T? Value)
    where T : class;
