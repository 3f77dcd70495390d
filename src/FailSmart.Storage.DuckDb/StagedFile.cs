using System.Globalization;
using DuckDB.NET.Data;

namespace FailSmart.Storage.DuckDb;

/// <summary>
/// An exported file copied into a temporary table of text columns, in file order, so that every value
/// can be checked and every refusal can name its line (CSV, the header being line 1) or row (Parquet).
/// A CSV file is read with the delimiter its header uses (comma, tab, semicolon or pipe) and RFC 4180
/// quoting; DuckDB records malformed rows instead of failing, so they too are reported by line.
/// </summary>
internal sealed class StagedFile
{
    /// <summary>A CSV file's delimiter; null for Parquet.</summary>
    private readonly char? _delimiter;

    private StagedFile(string file, string table, char? delimiter, IReadOnlyList<string> columns)
    {
        File = file;
        Table = table;
        _delimiter = delimiter;
        Columns = columns;
    }

    /// <summary>The path as the user gave it, for messages.</summary>
    public string File { get; }

    /// <summary>The temporary table.</summary>
    public string Table { get; }

    public IReadOnlyList<string> Columns { get; }

    /// <summary>A row's place in the file, from its rowid in the table (which keeps file order).</summary>
    public string Where(long rowId) => _delimiter is { } delimiter
        ? "line " + CsvFile.LineOf(File, delimiter, rowId).ToString(CultureInfo.InvariantCulture)
        : "row " + (rowId + 1).ToString(CultureInfo.InvariantCulture);

    /// <summary>The column's name as the file spells it, or null when the file has no such column.</summary>
    public string? Find(string name) => Columns.FirstOrDefault(c => string.Equals(c, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Copies the file into <paramref name="table"/>; on failure adds a problem and returns null.</summary>
    public static StagedFile? Stage(DuckDBConnection connection, string path, string table, List<FileImportProblem> problems)
    {
        if (Directory.Exists(path))
        {
            problems.Add(new(path, null, null, "is a folder; name the file in it."));
            return null;
        }

        if (!System.IO.File.Exists(path))
        {
            problems.Add(new(path, null, null, "does not exist."));
            return null;
        }

        return path.EndsWith(".parquet", StringComparison.OrdinalIgnoreCase)
            ? StageParquet(connection, path, table, problems)
            : StageCsv(connection, path, table, problems);
    }

    private static StagedFile? StageParquet(DuckDBConnection connection, string path, string table, List<FileImportProblem> problems)
    {
        try
        {
            // Every column as text, like a CSV's: one set of checks for both. Times with a zone keep their offset.
            Execute(connection, $"CREATE TEMP TABLE {table} AS SELECT CAST(COLUMNS(*) AS VARCHAR) FROM read_parquet({SqlText.Literal(path)})");
        }
        catch (DuckDBException)
        {
            problems.Add(new(path, null, null, "could not be read as Parquet. Check that it is a Parquet file, or give a CSV file a name that does not end in .parquet."));
            return null;
        }

        return new StagedFile(path, table, delimiter: null, ReadColumns(connection, table));
    }

    private static StagedFile? StageCsv(DuckDBConnection connection, string path, string table, List<FileImportProblem> problems)
    {
        char delimiter;
        List<string> columns;
        try
        {
            (delimiter, columns) = CsvFile.Header(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problems.Add(new(path, null, null, $"could not be read: {ex.Message}"));
            return null;
        }

        if (columns.Count == 0)
        {
            problems.Add(new(path, "line 1", null, "is empty; the first line must name the columns (unit_id, timestamp, …)."));
            return null;
        }

        if (columns.FirstOrDefault(c => c.Length == 0) is not null)
        {
            problems.Add(new(path, "line 1", null, $"has a column without a name (column {columns.IndexOf("") + 1}); name every column in the header."));
            return null;
        }

        if (columns.GroupBy(c => c, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } duplicate)
        {
            problems.Add(new(path, "line 1", duplicate.Key, "is named twice in the header; give each column its own name."));
            return null;
        }

        string types = "{" + string.Join(", ", columns.Select(c => $"{SqlText.Literal(c)}: 'VARCHAR'")) + "}";
        try
        {
            // No sniffing: the header fixes the columns, so a bad row is a rejected row with its line, not a guessed dialect.
            Execute(connection, $"""
                CREATE TEMP TABLE {table} AS SELECT * FROM read_csv({SqlText.Literal(path)}, auto_detect = false, header = true,
                    delim = {SqlText.Literal(delimiter.ToString())}, quote = '"', escape = '"', columns = {types},
                    store_rejects = true, rejects_table = '{table}_rejects', rejects_scan = '{table}_scans')
                """);
            using DuckDBCommand command = connection.CreateCommand();
            command.CommandText = $"SELECT line, column_name, error_type FROM {table}_rejects ORDER BY line LIMIT 1";
            using DuckDBDataReader rejected = command.ExecuteReader();
            if (rejected.Read())
            {
                long line = rejected.GetInt64(0);
                string? column = rejected.IsDBNull(1) ? null : rejected.GetString(1);
                problems.Add(new(path, "line " + line.ToString(CultureInfo.InvariantCulture), column, Rejection(rejected.GetString(2), columns.Count, delimiter)));
                return null;
            }
        }
        catch (DuckDBException)
        {
            problems.Add(new(path, null, null, "could not be read as CSV. Export it as UTF-8 text with a header line and one delimiter (comma, tab, semicolon or pipe)."));
            return null;
        }
        finally
        {
            Execute(connection, $"DROP TABLE IF EXISTS {table}_rejects; DROP TABLE IF EXISTS {table}_scans");
        }

        return new StagedFile(path, table, delimiter, columns);
    }

    private static string Rejection(string errorType, int columns, char delimiter) => errorType switch
    {
        "TOO MANY COLUMNS" => $"has more fields than the header's {columns}. Quote values that contain '{Printable(delimiter)}'.",
        "MISSING COLUMNS" => $"has fewer fields than the header's {columns}.",
        "UNQUOTED VALUE" => "has a quote that is not closed, or text after a closing quote. Write a quote inside a quoted value as two quotes (\"\").",
        "INVALID ENCODING" or "INVALID UNICODE" => "is not valid UTF-8. Export the file as UTF-8.",
        "LINE SIZE OVER MAXIMUM" => "is longer than 2 MB.",
        _ => "could not be read as a CSV row.",
    };

    private static string Printable(char delimiter) => delimiter == '\t' ? "\\t" : delimiter.ToString();

    private static List<string> ReadColumns(DuckDBConnection connection, string table)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = $"SELECT column_name FROM (DESCRIBE {table})";
        using DuckDBDataReader reader = command.ExecuteReader();
        var names = new List<string>();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }

    private static void Execute(DuckDBConnection connection, string sql)
    {
        using DuckDBCommand command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
