namespace FailSmart.Web.Flags;

/// <summary>How each builder operator is named on the page and written in the configuration format.</summary>
public static class ConditionOperators
{
    public static IReadOnlyList<ConditionOperator> All { get; } = Enum.GetValues<ConditionOperator>();

    public static string Label(ConditionOperator op) => op switch
    {
        ConditionOperator.EqualTo => "equals",
        ConditionOperator.NotEqualTo => "does not equal",
        ConditionOperator.InList => "is one of",
        ConditionOperator.NotInList => "is none of",
        ConditionOperator.Contains => "contains",
        ConditionOperator.StartsWith => "starts with",
        ConditionOperator.EndsWith => "ends with",
        ConditionOperator.MatchesRegex => "matches regex",
        ConditionOperator.GreaterThan => "is greater than",
        ConditionOperator.LessThan => "is less than",
        ConditionOperator.Exists => "exists",
        ConditionOperator.InSegment => "is in segment (id list)",
        _ => op.ToString(),
    };

    /// <summary>What the value box expects, as its hint.</summary>
    public static string? ValueHint(ConditionOperator op) => op switch
    {
        ConditionOperator.InList or ConditionOperator.NotInList => "Comma-separated, for example SE, NO",
        ConditionOperator.MatchesRegex => "A regular expression, for example @example\\.com$",
        ConditionOperator.InSegment => "The key of an id-list segment",
        ConditionOperator.GreaterThan or ConditionOperator.LessThan => "A number",
        _ => null,
    };

    public static bool TakesValue(ConditionOperator op) => op != ConditionOperator.Exists;
}
