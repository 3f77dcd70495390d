using System.Text;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Tests.HostileInput;

/// <summary>
/// The whole configuration as text: the revision, every resource of every kind (archived too) with
/// its version, document and tags, and every API key with its state. Equal before and after a refused
/// write, or the write changed something.
/// </summary>
internal static class ConfigurationFingerprint
{
    public static async Task<string> TakeAsync(IConfigStore store, CancellationToken cancellationToken)
    {
        var text = new StringBuilder();
        text.Append("revision ").Append(await store.GetRevisionAsync(cancellationToken)).Append('\n');
        foreach (ResourceKind kind in Enum.GetValues<ResourceKind>())
        {
            ResourcePage page = await store.ListAsync(new ResourceQuery(kind, IncludeArchived: true, Limit: 1000), cancellationToken);
            foreach (StoredResource resource in page.Items)
            {
                text.Append($"{kind}/{resource.Key} v{resource.Version} archived={resource.Archived} tags={string.Join('|', resource.Tags)} {resource.Document}\n");
            }
        }

        foreach (ApiKeyRecord key in await store.ListApiKeysAsync(cancellationToken))
        {
            text.Append($"key {key.Id} {key.Kind} {key.Environment} expires={key.ExpiresAt:O} revoked={key.RevokedAt:O}\n");
        }

        return text.ToString();
    }
}
