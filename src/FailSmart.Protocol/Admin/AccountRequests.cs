namespace FailSmart.Protocol.Admin;

/// <summary>Adds a person who signs in to the web UI.</summary>
/// <param name="UserName">Their email address.</param>
/// <param name="DisplayName">How FailSmart shows them.</param>
/// <param name="Password">At least 12 characters; they can be told it once.</param>
/// <param name="Role">viewer, editor or admin.</param>
/// <param name="Environments">For an editor: the environments whose part of flags they may change; leave out for all.</param>
public sealed record AccountCreateRequest(string? UserName, string? DisplayName, string? Password, string? Role, IReadOnlyList<string>? Environments = null);

/// <summary>Changes a person's role and, for an editor, their environments. Their sessions end so the change applies at once.</summary>
public sealed record AccountAccessRequest(string? Role, IReadOnlyList<string>? Environments = null);

/// <summary>A person as listed: never their password hash.</summary>
public sealed record AccountResponse(
    string Id, string UserName, string DisplayName, string Role, IReadOnlyList<string>? Environments, DateTimeOffset? LockedUntil, DateTimeOffset CreatedAt);
