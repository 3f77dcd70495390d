using FailSmart.Storage.Config;

namespace FailSmart.Application.ApiKeys;

/// <summary>A new key and its secret, which is shown this once and never stored.</summary>
public sealed record CreatedApiKey(ApiKeyRecord Key, string Secret);
