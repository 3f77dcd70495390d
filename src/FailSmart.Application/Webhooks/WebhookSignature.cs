using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace FailSmart.Application.Webhooks;

/// <summary>
/// The FailSmart-Signature header: <c>t=&lt;unix seconds&gt;,v1=&lt;hex HMAC-SHA256 of "t.body" with the secret&gt;</c>.
/// Receivers compute the same HMAC, compare in constant time, and refuse old timestamps.
/// </summary>
public static class WebhookSignature
{
    public const string HeaderName = "FailSmart-Signature";

    /// <summary>The header value for a body sent at <paramref name="at"/>.</summary>
    public static string Sign(string secret, DateTimeOffset at, string body)
    {
        ArgumentNullException.ThrowIfNull(secret);
        ArgumentNullException.ThrowIfNull(body);
        string timestamp = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        byte[] mac = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(timestamp + "." + body));
        return $"t={timestamp},v1={Convert.ToHexStringLower(mac)}";
    }
}
