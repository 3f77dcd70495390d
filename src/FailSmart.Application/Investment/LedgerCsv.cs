using FailSmart.Application.Csv;
using FailSmart.Protocol.Admin;

namespace FailSmart.Application.Investment;

/// <summary>
/// Reads a ledger CSV file (RFC 4180: comma-separated, fields with commas, quotes or line breaks in double
/// quotes). The header is required and names the columns, in any order: feature, week, phase, person_days,
/// and optionally cost_per_person_day and note. Problems name the row by its line in the file:
/// <c>$.rows[12].person_days</c> is line 12.
/// </summary>
public static class LedgerCsv
{
    /// <summary>The most data rows one import takes.</summary>
    public const int MaxRows = 10_000;

    private static readonly string[] s_required = ["feature", "week", "phase", "person_days"];

    private static readonly string[] s_known = [.. s_required, "cost_per_person_day", "note"];

    public static string RowPath(int line, string field) => $"$.rows[{line}].{field}";

    /// <summary>The rows, or the problems that make the file unreadable as a whole or row by row.</summary>
    public static (IReadOnlyList<LedgerCsvRow> Rows, IReadOnlyList<FieldProblem> Problems) Parse(string? text)
    {
        var problems = new List<FieldProblem>();
        var rows = new List<LedgerCsvRow>();
        List<(int Line, List<string> Fields)> records = CsvText.ReadRecords(text ?? string.Empty, problems);
        records.RemoveAll(r => r.Fields.Count == 1 && r.Fields[0].Length == 0);
        if (problems.Count > 0)
        {
            return (rows, problems);
        }

        if (records.Count == 0)
        {
            problems.Add(new FieldProblem("$.header", "The file is empty.",
                "Send a header line 'feature,week,phase,person_days,cost_per_person_day,note' and one line per feature, week and phase."));
            return (rows, problems);
        }

        List<string> header = [.. records[0].Fields.Select(h => h.Trim().ToLowerInvariant())];
        foreach (string name in header.Where(h => !s_known.Contains(h)).Distinct())
        {
            problems.Add(new FieldProblem("$.header", $"The column '{name}' is not one the ledger reads.", $"Name the columns {string.Join(", ", s_known)}; the last two are optional."));
        }

        foreach (string name in header.GroupBy(h => h).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add(new FieldProblem("$.header", $"The column '{name}' appears twice.", "Name each column once."));
        }

        foreach (string name in s_required.Where(r => !header.Contains(r)))
        {
            problems.Add(new FieldProblem("$.header", $"The header has no '{name}' column.",
                "The first line must name the columns: feature,week,phase,person_days and optionally cost_per_person_day,note."));
        }

        if (problems.Count > 0)
        {
            return (rows, problems);
        }

        if (records.Count - 1 > MaxRows)
        {
            problems.Add(new FieldProblem("$.rows", $"The file has {records.Count - 1} rows.", $"Import at most {MaxRows} rows at a time; split the file."));
            return (rows, problems);
        }

        foreach ((int line, List<string> fields) in records.Skip(1))
        {
            if (fields.Count != header.Count)
            {
                problems.Add(new FieldProblem($"$.rows[{line}]", $"Line {line} has {fields.Count} fields; the header has {header.Count}.",
                    "Give every line the header's columns, in its order; quote a note that holds a comma."));
                continue;
            }

            string? Field(string name) => header.IndexOf(name) is int i and >= 0 ? fields[i].Trim() : null;
            rows.Add(new LedgerCsvRow(line, Field("feature")!, Field("week")!, Field("phase")!, Field("person_days")!,
                Field("cost_per_person_day") is { Length: > 0 } cost ? cost : null, Field("note") is { Length: > 0 } note ? note : null));
        }

        return (rows, problems);
    }
}
