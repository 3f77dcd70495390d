namespace FailSmart.Web.Flags;

/// <summary>The operators the condition builder offers, and the configuration operator each writes.</summary>
public enum ConditionOperator
{
    EqualTo,
    NotEqualTo,
    InList,
    NotInList,
    Contains,
    StartsWith,
    EndsWith,
    MatchesRegex,
    GreaterThan,
    LessThan,
    Exists,
    InSegment,
}
