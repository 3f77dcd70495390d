using System.Globalization;
using FailSmart.Application.Csv;
using FailSmart.Protocol.Admin;

namespace FailSmart.Application.Populations;

/// <summary>
/// Reads a target population from CSV: a header naming the attribute columns and a <c>units</c> column, in any
/// order, then one line per stratum (<c>country,platform,units</c> / <c>DE,ios,1200</c>). Problems name the line and
/// column: <c>$.rows[12].units</c> is line 12's units.
/// </summary>
public static class PopulationCsv
{
    public const string UnitsColumn = "units";

    public static string RowPath(int line, string column) => $"$.rows[{line}].{column}";

    /// <summary>The input, with its strata's lines for problems; or the problems that make the file unreadable.</summary>
    public static (PopulationInput? Input, IReadOnlyList<int> Lines, IReadOnlyList<FieldProblem> Problems) Parse(string? text, string? description = null)
    {
        var problems = new List<FieldProblem>();
        List<(int Line, List<string> Fields)> records = CsvText.ReadRecords(text ?? string.Empty, problems);
        records.RemoveAll(r => r.Fields.Count == 1 && r.Fields[0].Length == 0);
        if (problems.Count > 0)
        {
            return (null, [], problems);
        }

        if (records.Count == 0)
        {
            problems.Add(new("$.header", "The file is empty.", "Send a header line such as 'country,platform,units', then one line per stratum."));
            return (null, [], problems);
        }

        List<string> header = [.. records[0].Fields.Select(h => h.Trim())];
        int units = header.FindIndex(h => h.Equals(UnitsColumn, StringComparison.OrdinalIgnoreCase));
        if (units < 0)
        {
            problems.Add(new("$.header", "The header has no 'units' column.", "Name the attribute columns and a units column: country,platform,units."));
            return (null, [], problems);
        }

        if (records.Count - 1 > PopulationRules.MaxStrata)
        {
            problems.Add(new("$.rows", $"The file has {records.Count - 1} strata.", $"Give at most {PopulationRules.MaxStrata}; group rare levels together."));
            return (null, [], problems);
        }

        string[] attributes = [.. header.Where((_, i) => i != units)];
        var strata = new List<PopulationStratum>();
        var lines = new List<int>();
        foreach ((int line, List<string> fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                problems.Add(new($"$.rows[{line}]", $"Line {line} has {fields.Count} fields; the header has {header.Count}.",
                    "Give every line the header's columns, in its order; quote a value that holds a comma."));
                continue;
            }

            string count = fields[units].Trim();
            if (!double.TryParse(count, NumberStyles.Float, CultureInfo.InvariantCulture, out double value))
            {
                problems.Add(new(RowPath(line, UnitsColumn), $"Line {line}: units '{count}' is not a number.", "Write the count with digits and a '.' for decimals, such as 1200."));
                continue;
            }

            strata.Add(new PopulationStratum([.. fields.Where((_, i) => i != units).Select(f => f.Trim())], value));
            lines.Add(line);
        }

        return problems.Count > 0 ? (null, [], problems) : (new PopulationInput(description, attributes, strata), lines, problems);
    }
}
