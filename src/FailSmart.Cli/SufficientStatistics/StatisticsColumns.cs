namespace FailSmart.Cli.SufficientStatistics;

/// <summary>
/// The columns of a sufficient-statistics file, each with the other names it is known by (GrowthBook's
/// gbstats, Spotify Confidence, the reference cases), matched case-insensitively. Unknown columns are
/// refused: a misspelt sum_squares would otherwise turn a mean into a proportion without a word.
/// </summary>
internal static class StatisticsColumns
{
    public const string Metric = "metric";
    public const string Variation = "variation";
    public const string Type = "type";
    public const string Count = "count";
    public const string Sum = "sum";
    public const string SumSquares = "sum_squares";
    public const string DenominatorSum = "denominator_sum";
    public const string DenominatorSumSquares = "denominator_sum_squares";
    public const string DenominatorSumProduct = "denominator_sum_product";
    public const string CovariateSum = "covariate_sum";
    public const string CovariateSumSquares = "covariate_sum_squares";
    public const string CovariateSumProduct = "covariate_sum_product";
    public const string Role = "role";
    public const string Direction = "direction";

    private static readonly Dictionary<string, string> s_names = new(StringComparer.OrdinalIgnoreCase)
    {
        [Metric] = Metric,
        ["metric_key"] = Metric,
        [Variation] = Variation,
        ["variation_key"] = Variation,
        ["arm"] = Variation,
        [Type] = Type,
        ["statistic_type"] = Type,
        ["metric_type"] = Type,
        [Count] = Count,
        ["n"] = Count,
        ["units"] = Count,
        ["users"] = Count,
        [Sum] = Sum,
        ["main_sum"] = Sum,
        ["numerator"] = Sum,
        [SumSquares] = SumSquares,
        ["main_sum_squares"] = SumSquares,
        ["sum_sq"] = SumSquares,
        ["numerator_sum_squares"] = SumSquares,
        [DenominatorSum] = DenominatorSum,
        ["d_sum"] = DenominatorSum,
        [DenominatorSumSquares] = DenominatorSumSquares,
        ["d_sum_sq"] = DenominatorSumSquares,
        [DenominatorSumProduct] = DenominatorSumProduct,
        ["main_denominator_sum_product"] = DenominatorSumProduct,
        ["md_sum"] = DenominatorSumProduct,
        [CovariateSum] = CovariateSum,
        ["x_sum"] = CovariateSum,
        [CovariateSumSquares] = CovariateSumSquares,
        ["x_sum_sq"] = CovariateSumSquares,
        [CovariateSumProduct] = CovariateSumProduct,
        ["main_covariate_sum_product"] = CovariateSumProduct,
        ["xy_sum"] = CovariateSumProduct,
        [Role] = Role,
        [Direction] = Direction,
    };

    /// <summary>The columns by their own names, in the order the documentation lists them.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        Metric, Variation, Type, Count, Sum, SumSquares, DenominatorSum, DenominatorSumSquares, DenominatorSumProduct,
        CovariateSum, CovariateSumSquares, CovariateSumProduct, Role, Direction,
    ];

    /// <summary>The column a header names, or null when it names none.</summary>
    public static string? Canonical(string header) => s_names.GetValueOrDefault(header.Trim());
}
