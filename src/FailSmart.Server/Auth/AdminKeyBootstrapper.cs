using System.Data.Common;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Auth;

/// <summary>
/// Makes sure somebody can administer a new server: registers the configured bootstrap key, or on a
/// server with no admin key at all, creates one and shows it once on the console (never in the log).
/// </summary>
internal sealed class AdminKeyBootstrapper(IConfigStore store, IOptions<AuthOptions> options, TimeProvider timeProvider, ILogger<AdminKeyBootstrapper> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        string? configured = options.Value.BootstrapAdminKey;
        if (!string.IsNullOrWhiteSpace(configured))
        {
            if (!ApiKeySecret.TryParse(configured, out ApiKeyKind kind, out string id) || kind != ApiKeyKind.Admin)
            {
                throw new InvalidOperationException("Auth:BootstrapAdminKey must be an admin key of the form fs_admin_<id>_<secret of at least 16 characters>.");
            }

            if (await store.GetApiKeyAsync(id, cancellationToken) is null)
            {
                await RegisterAsync(Record(id, "bootstrap admin", configured), cancellationToken);
            }

            return;
        }

        IReadOnlyList<ApiKeyRecord> keys = await store.ListApiKeysAsync(cancellationToken);
        if (keys.Any(k => k.Kind == ApiKeyKind.Admin && k.RevokedAt is null))
        {
            return;
        }

        (string secret, string newId) = ApiKeySecret.Generate(ApiKeyKind.Admin);
        await store.CreateApiKeyAsync(Record(newId, "first admin", secret), "system", cancellationToken);
        ServerLog.AdminKeyCreated(logger, newId);
        await Console.Out.WriteLineAsync($"""

            FailSmart created an admin key. It is shown only this once; keep it somewhere safe:

                {secret}

            Use it as 'Authorization: Bearer <key>' on /api/v1. Create more keys with POST /api/v1/api-keys.

            """);
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// Registers the configured key. Replicas started together (or restarted together after a key rotation)
    /// all find it missing and all insert it; the store's unique id lets one insert win and rolls the others
    /// back whole, audit entry included. A loser that then finds the same key stored has nothing left to do.
    /// </summary>
    private async Task RegisterAsync(ApiKeyRecord key, CancellationToken cancellationToken)
    {
        try
        {
            await store.CreateApiKeyAsync(key, "system", cancellationToken);
        }
        catch (DbException)
        {
            if (await store.GetApiKeyAsync(key.Id, cancellationToken) is not { } stored || stored.SecretHash != key.SecretHash)
            {
                throw;
            }

            ServerLog.BootstrapKeyRegisteredElsewhere(logger, key.Id);
        }
    }

    private ApiKeyRecord Record(string id, string name, string secret) =>
        new(id, name, ApiKeyKind.Admin, null, ApiKeySecret.Hash(secret), timeProvider.GetUtcNow(), null, null, null);
}
