namespace FailSmart.Client.Caching;

/// <summary>What the disk cache file holds: the document as the server sent it, and where it stood.</summary>
internal sealed record CachedRuleSet(int Format, long Revision, string? ETag, DateTimeOffset SavedAt, string Document);
