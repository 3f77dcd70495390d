namespace FailSmart.Server.Auth;

/// <summary>Who may call what. Policies are named after what the caller does.</summary>
internal static class FailSmartPolicies
{
    /// <summary>Admin keys: manage configuration.</summary>
    public const string Admin = "failsmart-admin";

    /// <summary>Server SDK keys: read the full rule set of their one environment, send events.</summary>
    public const string ServerSdk = "failsmart-server-sdk";

    /// <summary>Server or client keys: evaluated values only (OFREP).</summary>
    public const string Evaluate = "failsmart-evaluate";

    public const string Scheme = "FailSmartApiKey";
}
