namespace FailSmart.Protocol.Admin;

/// <summary>One page of a listing.</summary>
/// <param name="Items">The resources on this page, ordered by key.</param>
/// <param name="Total">How many resources match the filters in all.</param>
/// <param name="Offset">Where this page starts.</param>
/// <param name="Limit">The page size asked for.</param>
public sealed record ResourceListResponse(IReadOnlyList<ResourceResponse> Items, int Total, int Offset, int Limit);
