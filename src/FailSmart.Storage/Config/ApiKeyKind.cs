namespace FailSmart.Storage.Config;

/// <summary>What a key may do.</summary>
public enum ApiKeyKind
{
    /// <summary>Manages configuration through the admin API.</summary>
    Admin,

    /// <summary>Reads one environment's full rule set (SDK sync), evaluates through OFREP, sends events.</summary>
    Server,

    /// <summary>Only gets evaluated values for one environment through OFREP: never rules, never segment members.</summary>
    Client,
}
