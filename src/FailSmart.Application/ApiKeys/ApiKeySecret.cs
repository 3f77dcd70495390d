using System.Security.Cryptography;
using System.Text;
using FailSmart.Storage.Config;

namespace FailSmart.Application.ApiKeys;

/// <summary>
/// The shape of a FailSmart API key: "fs_{kind}_{id}_{secret}". The id is public (it names the key in
/// lists and the audit log); only the SHA-256 of the whole key is stored.
/// </summary>
public static class ApiKeySecret
{
    private const string Alphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Makes a new key; returns the full secret (shown once) and its id.</summary>
    public static (string Secret, string Id) Generate(ApiKeyKind kind)
    {
        string id = RandomNumberGenerator.GetString(Alphabet, 12);
        string secret = RandomNumberGenerator.GetString(Alphabet, 40);
        return ($"fs_{Prefix(kind)}_{id}_{secret}", id);
    }

    /// <summary>Splits a presented key into its kind and id, or returns false for anything malformed.</summary>
    public static bool TryParse(string presented, out ApiKeyKind kind, out string id)
    {
        kind = default;
        id = "";
        string[] parts = presented.Split('_');
        if (parts.Length != 4 || parts[0] != "fs" || parts[2].Length == 0 || parts[3].Length < 16)
        {
            return false;
        }

        ApiKeyKind? parsed = parts[1] switch
        {
            "admin" => ApiKeyKind.Admin,
            "server" => ApiKeyKind.Server,
            "client" => ApiKeyKind.Client,
            _ => null,
        };
        if (parsed is null)
        {
            return false;
        }

        kind = parsed.Value;
        id = parts[2];
        return true;
    }

    public static string Hash(string presented) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(presented)));

    /// <summary>Compares in constant time, so response timing says nothing about the stored hash.</summary>
    public static bool Matches(string presented, string storedHash) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(Hash(presented)), Encoding.ASCII.GetBytes(storedHash));

    private static string Prefix(ApiKeyKind kind) => kind.ToString().ToLowerInvariant();
}
