namespace FailSmart.Storage.Config;

/// <summary>A change to an environment that requires approval, as its author proposes it.</summary>
public sealed record NewChangeRequest(ResourceKind Kind, string Key, string? Environment, string Action, long? BaseVersion,
    string? Document, IReadOnlyList<string> Tags, string Author, string AuthorId, string? Reason);
