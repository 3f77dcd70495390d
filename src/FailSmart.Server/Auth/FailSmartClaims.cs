namespace FailSmart.Server.Auth;

/// <summary>Claim types carried by an authenticated API key.</summary>
internal static class FailSmartClaims
{
    public const string KeyId = "failsmart:key-id";
    public const string KeyKind = "failsmart:key-kind";
    public const string Environment = "failsmart:environment";

    /// <summary>Present ("true") on an admin key whose writes to environments that require approval apply at once.</summary>
    public const string BypassesApproval = "failsmart:bypasses-approval";
}
