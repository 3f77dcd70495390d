namespace FailSmart.Storage.Config;

/// <summary>
/// The pieces of a full-text search over a table aliased <c>t</c>, for the query text in parameter @q:
/// what to select from, the match condition, and the relevance expression (higher is better).
/// </summary>
public sealed record FullTextSql(string From, string Match, string Rank);
