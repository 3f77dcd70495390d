using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using FailSmart.Server.Auth;
using FailSmart.Storage.Config;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.OpenFeature;

/// <summary>
/// Tokens for OFREP event stream URLs. A browser's EventSource cannot send an Authorization header, so
/// the URL carries "{keyId}.{expires}.{mac}", an HMAC-SHA256 keyed by the key's stored hash. Nothing is
/// stored, every replica can check a token any replica issued, and a token only works while its key
/// does: revoking or expiring the key ends it, and rotating the key (a new one) invalidates its tokens.
/// Tokens are issued for fixed periods, so one client gets the same URL (and its 304s) within a period.
/// </summary>
internal sealed class OfrepEventTokens(ApiKeyCache keys, IOptions<OfrepOptions> options, TimeProvider timeProvider)
{
    private static readonly byte[] s_purpose = "failsmart ofrep event stream\n"u8.ToArray();

    /// <summary>A token for this key, valid until the end of the period after the current one (or the key's expiry).</summary>
    public string Issue(ApiKeyRecord key)
    {
        long period = Math.Max(1, options.Value.EventStreamTokenMinutes) * 60L;
        long expires = (timeProvider.GetUtcNow().ToUnixTimeSeconds() / period + 2) * period;
        if (key.ExpiresAt is { } keyExpires)
        {
            expires = Math.Min(expires, keyExpires.ToUnixTimeSeconds());
        }

        return $"{key.Id}.{expires.ToString(CultureInfo.InvariantCulture)}.{Mac(key, expires)}";
    }

    /// <summary>The key a token was issued for, or why the token does not open a stream.</summary>
    public async Task<(ApiKeyRecord? Key, string? Problem)> ValidateAsync(string? token, CancellationToken cancellationToken)
    {
        string[] parts = (token ?? "").Split('.');
        if (parts.Length != 3 || parts[0].Length == 0 ||
            !long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out long expires))
        {
            return (null, "The 'token' query parameter is missing or malformed. Use the URL from 'eventStreams' in a bulk evaluation answer (POST /ofrep/v1/evaluate/flags).");
        }

        ApiKeyRecord? key = await keys.GetAsync(parts[0], cancellationToken);
        if (key is null || key.Kind == ApiKeyKind.Admin ||
            !CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Mac(key, expires)), Encoding.ASCII.GetBytes(parts[2])))
        {
            return (null, "The event stream token was not issued by this FailSmart. Use the URL from 'eventStreams' in a bulk evaluation answer.");
        }

        DateTimeOffset now = timeProvider.GetUtcNow();
        if (key.RevokedAt is not null)
        {
            return (null, $"The API key '{key.Name}' that this token was issued for was revoked. Create a new key.");
        }

        // A token issued near its key's end expires with the key (to the second): say it is the key that ended,
        // since a fresh token would not help.
        if (key.ExpiresAt <= now || (key.ExpiresAt is { } keyExpires && expires == keyExpires.ToUnixTimeSeconds() && expires <= now.ToUnixTimeSeconds()))
        {
            return (null, $"The API key '{key.Name}' that this token was issued for expired at {key.ExpiresAt:O}. Create a new key.");
        }

        if (expires <= now.ToUnixTimeSeconds())
        {
            return (null, "The event stream token expired. Evaluate the flags again (POST /ofrep/v1/evaluate/flags) for a fresh stream URL.");
        }

        return (key, null);
    }

    private static string Mac(ApiKeyRecord key, long expires)
    {
        byte[] message = [.. s_purpose, .. Encoding.UTF8.GetBytes($"{key.Id}\n{expires.ToString(CultureInfo.InvariantCulture)}")];
        return Base64Url.EncodeToString(HMACSHA256.HashData(Convert.FromHexString(key.SecretHash), message));
    }
}
