namespace FailSmart.Client;

/// <summary>Why an evaluation returned the caller's default, with OpenFeature's error codes.</summary>
public enum FlagErrorCode
{
    None,

    /// <summary>The client has no rule set yet (or none could be loaded).</summary>
    ProviderNotReady,

    /// <summary>The rule set has no flag with this key.</summary>
    FlagNotFound,

    /// <summary>The flag's value is not of the type asked for (GetBool on a string flag).</summary>
    TypeMismatch,

    /// <summary>Anything else: the flag is not configured in the environment, prerequisites nest too deep, an unexpected fault.</summary>
    General,
}
