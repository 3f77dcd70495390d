namespace FailSmart.Application.ApiKeys;

/// <summary>Told when a key is revoked, so the host can forget cached records and end the key's open streams.</summary>
public interface IApiKeyRevocationListener
{
    void Revoked(string id);
}
