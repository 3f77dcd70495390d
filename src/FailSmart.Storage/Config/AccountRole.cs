namespace FailSmart.Storage.Config;

/// <summary>What a person may do in the web UI. Each role includes the ones before it.</summary>
public enum AccountRole
{
    /// <summary>Reads configuration, results and the audit log.</summary>
    Viewer,

    /// <summary>Also changes flags, experiments and segments.</summary>
    Editor,

    /// <summary>Also manages accounts, API keys and settings.</summary>
    Admin,
}
