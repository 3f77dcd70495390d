namespace FailSmart.Server.Tests.HostileInput;

/// <summary>What a hostile request does wrong; the columns of the coverage table.</summary>
public enum DefectClass
{
    LoneSurrogate,
    LoneSurrogateName,
    InvalidUtf8,
    DuplicateProperty,
    UnknownProperty,
    MissingRequired,
    WrongType,
    BadEnum,
    Null,
    OddNumber,
    HugeString,
    HugeArray,
    DeepNesting,
    NotJson,
    WrongContentType,
    BrokenNdjson,
    BadParameter,
    LikeWildcard,
    BadIfMatch,
    NonAsciiKey,
    LongUrl,
    LargeHeaders,
}
