using FailSmart.Application.Access;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Schedules;

/// <summary>
/// The author of a scheduled change as a <see cref="Caller"/> now, when it is due: an account with its
/// role and environments as they are now, or an admin API key that is still valid. A role taken away,
/// an account removed or a key revoked in the meantime stops the change.
/// </summary>
internal sealed class ScheduleAuthors(IConfigStore store, IAccountStore accounts, TimeProvider time)
{
    /// <summary>The caller, or why the author may no longer write.</summary>
    public async Task<(Caller? Caller, string? Refused)> ResolveAsync(NewScheduledChange change, CancellationToken cancellationToken)
    {
        const string account = "account:", key = "key:";
        if (change.AuthorId.StartsWith(account, StringComparison.Ordinal))
        {
            UserAccount? found = await accounts.GetAccountAsync(change.AuthorId[account.Length..], cancellationToken);
            if (found is null)
            {
                return (null, $"Its author, {change.Author}, no longer has an account.");
            }

            CallerRole role = found.Role switch
            {
                AccountRole.Admin => CallerRole.Admin,
                AccountRole.Editor => CallerRole.Editor,
                _ => CallerRole.Viewer,
            };
            return (new Caller(change.Author, change.AuthorId, role, found.Environments, Reason: change.Reason), null);
        }

        if (change.AuthorId.StartsWith(key, StringComparison.Ordinal))
        {
            ApiKeyRecord? found = await store.GetApiKeyAsync(change.AuthorId[key.Length..], cancellationToken);
            if (found is null || found.RevokedAt is not null || found.ExpiresAt <= time.GetUtcNow() || found.Kind != ApiKeyKind.Admin)
            {
                return (null, $"Its author, the API key {change.Author}, has been revoked or has expired.");
            }

            return (new Caller(change.Author, change.AuthorId, CallerRole.Admin, BypassesApproval: found.BypassesApproval, Reason: change.Reason), null);
        }

        return (null, $"Its author, {change.Author}, is not an account or an API key FailSmart knows.");
    }
}
