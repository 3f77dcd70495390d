namespace FailSmart.Storage.Config;

/// <summary>One page of a listing, with the total number of matches for paging controls.</summary>
public sealed record ResourcePage(IReadOnlyList<StoredResource> Items, int Total);
