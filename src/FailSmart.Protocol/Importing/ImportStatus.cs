namespace FailSmart.Protocol.Importing;

/// <summary>How faithfully a feature from another tool was imported.</summary>
public enum ImportStatus
{
    /// <summary>Every user gets the answers they got before.</summary>
    Exact,

    /// <summary>Imported, but some answers change for a reason the notes give (a random percentage made sticky, a time window read at import time).</summary>
    Changed,

    /// <summary>Part of it cannot be expressed (a custom filter, a recurring window): imported switched off, so nobody gets it by mistake.</summary>
    NotExpressed,

    /// <summary>Left out of the document: FailSmart cannot serve what it serves.</summary>
    Refused,
}
