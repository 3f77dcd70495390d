namespace FailSmart.Server.Auth;

/// <summary>Forgets a revoked key's cached record at once, whichever surface revoked it (the API or the web UI).</summary>
internal sealed class ApiKeyCacheRevocation(ApiKeyCache keys) : IApiKeyRevocationListener
{
    public void Revoked(string id) => keys.Invalidate(id);
}
