namespace FailSmart.Storage.Config;

/// <summary>A stored result's key and request, without its document: what the leader lists to repeat.</summary>
/// <param name="Key">The request's key.</param>
/// <param name="Request">What was analysed, as the server wrote it.</param>
/// <param name="ComputedAt">When its stored result was computed.</param>
public sealed record StoredResultRequest(string Key, string Request, DateTimeOffset ComputedAt);
