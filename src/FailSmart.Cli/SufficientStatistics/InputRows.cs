using System.Text.Json;

namespace FailSmart.Cli.SufficientStatistics;

/// <summary>
/// Reads the rows of a sufficient-statistics file, CSV (a header line, then one line per metric and variation)
/// or JSON (an array of objects with the same names), into text cells by column.
/// </summary>
internal static class InputRows
{
    private static readonly string[] s_required = [StatisticsColumns.Metric, StatisticsColumns.Variation, StatisticsColumns.Count, StatisticsColumns.Sum];

    public static List<InputRow> FromCsv(string text, string name, List<string> problems)
    {
        var rows = new List<InputRow>();
        IReadOnlyList<CsvRecord>? records = CsvRecords.Parse(text, out string? problem);
        if (records is null)
        {
            problems.Add($"'{name}' {problem}");
            return rows;
        }

        if (records.Count == 0)
        {
            problems.Add($"'{name}' is empty; write a header line ({string.Join(",", s_required)}, …), then one line per metric and variation.");
            return rows;
        }

        CsvRecord header = records[0];
        var columns = new string?[header.Fields.Count];
        for (int i = 0; i < header.Fields.Count; i++)
        {
            string given = header.Fields[i];
            columns[i] = StatisticsColumns.Canonical(given);
            if (columns[i] is null)
            {
                problems.Add($"'{name}' line {header.Line}: column '{given}' is not known; rename or remove it. The columns are {string.Join(", ", StatisticsColumns.All)}.");
            }
            else if (Array.IndexOf(columns, columns[i]) < i)
            {
                problems.Add($"'{name}' line {header.Line}: columns '{header.Fields[Array.IndexOf(columns, columns[i])]}' and '{given}' both mean '{columns[i]}'; keep one.");
            }
        }

        foreach (string required in s_required.Where(r => !columns.Contains(r)))
        {
            problems.Add($"'{name}' line {header.Line}: there is no column '{required}'; add it ({Describe(required)}).");
        }

        if (problems.Count > 0)
        {
            return rows;
        }

        foreach (CsvRecord record in records.Skip(1))
        {
            if (record.Fields.Count != columns.Length)
            {
                problems.Add($"'{name}' line {record.Line}: {record.Fields.Count} fields, but the header has {columns.Length}; give every line one value per column (an empty value between commas is allowed).");
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < columns.Length; i++)
            {
                if (record.Fields[i].Length > 0)
                {
                    cells[columns[i]!] = record.Fields[i];
                }
            }

            rows.Add(new InputRow($"'{name}' line {record.Line}", "column", cells));
        }

        if (rows.Count == 0 && problems.Count == 0)
        {
            problems.Add($"'{name}' has a header but no rows; add one line per metric and variation.");
        }

        return rows;
    }

    public static List<InputRow> FromJson(JsonElement root, string name, List<string> problems)
    {
        var rows = new List<InputRow>();
        if (root.ValueKind != JsonValueKind.Array || root.GetArrayLength() == 0)
        {
            problems.Add($"'{name}' must be a JSON array of rows, one object per metric and variation, such as "
                + "[{\"metric\": \"conversion\", \"variation\": \"control\", \"count\": 1000, \"sum\": 120}, …].");
            return rows;
        }

        int number = 0;
        foreach (JsonElement item in root.EnumerateArray())
        {
            number++;
            string place = $"'{name}' row {number}";
            if (item.ValueKind != JsonValueKind.Object)
            {
                problems.Add($"{place}: must be an object with the fields {string.Join(", ", s_required)}, ….");
                continue;
            }

            var cells = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (JsonProperty property in item.EnumerateObject())
            {
                string? column = StatisticsColumns.Canonical(property.Name);
                if (column is null)
                {
                    problems.Add($"{place}: field '{property.Name}' is not known; rename or remove it. The fields are {string.Join(", ", StatisticsColumns.All)}.");
                    continue;
                }

                if (cells.ContainsKey(column))
                {
                    problems.Add($"{place}: two fields mean '{column}'; keep one.");
                    continue;
                }

                switch (property.Value.ValueKind)
                {
                    case JsonValueKind.Number:
                        cells[column] = property.Value.GetRawText();
                        break;
                    case JsonValueKind.String when property.Value.GetString()!.Trim().Length > 0:
                        cells[column] = property.Value.GetString()!.Trim();
                        break;
                    case JsonValueKind.String or JsonValueKind.Null:
                        break;
                    default:
                        problems.Add($"{place}, field '{property.Name}': must be a number or text, not {property.Value.ValueKind.ToString().ToLowerInvariant()}.");
                        break;
                }
            }

            rows.Add(new InputRow(place, "field", cells));
        }

        return rows;
    }

    public static string Describe(string column) => column switch
    {
        StatisticsColumns.Metric => "the metric's name",
        StatisticsColumns.Variation => "the variation's name; the first of each metric is the control unless --control names one",
        StatisticsColumns.Count => "units per variation; also read as n, units or users",
        StatisticsColumns.Sum => "Σy, the sum of the units' values; also read as main_sum",
        StatisticsColumns.SumSquares => "Σy², the sum of the squared values; also read as main_sum_squares",
        StatisticsColumns.DenominatorSum => "Σd, the sum of the ratio's per-unit denominators",
        StatisticsColumns.DenominatorSumSquares => "Σd²",
        StatisticsColumns.DenominatorSumProduct => "Σy·d; also read as main_denominator_sum_product",
        StatisticsColumns.CovariateSum => "Σx, the sum of the pre-exposure covariate",
        StatisticsColumns.CovariateSumSquares => "Σx²",
        StatisticsColumns.CovariateSumProduct => "Σy·x; also read as main_covariate_sum_product",
        _ => column,
    };
}
