namespace FailSmart.Storage.DuckDb;

/// <summary>Quoting for SQL built from file paths and column names that come from users' files.</summary>
internal static class SqlText
{
    public static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    public static string Identifier(string name) => "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
