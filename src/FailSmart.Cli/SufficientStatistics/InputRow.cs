namespace FailSmart.Cli.SufficientStatistics;

/// <summary>One row of the input as text, by column, and where it is: "'stats.csv' line 3" or "'stats.json' row 3".</summary>
/// <param name="Place">The file and the line (CSV) or the 1-based row (JSON).</param>
/// <param name="FieldWord">"column" for CSV, "field" for JSON, as the user would call it.</param>
/// <param name="Cells">The non-empty cells, by the column's own name (see <see cref="StatisticsColumns"/>).</param>
internal sealed record InputRow(string Place, string FieldWord, IReadOnlyDictionary<string, string> Cells)
{
    /// <summary>"'stats.csv' line 3, column 'sum'".</summary>
    public string At(string column) => $"{Place}, {FieldWord} '{column}'";

    public string? this[string column] => Cells.GetValueOrDefault(column);
}
