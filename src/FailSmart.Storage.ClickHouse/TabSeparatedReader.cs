using System.Text;
using FailSmart.Storage.Events.Sql;

namespace FailSmart.Storage.ClickHouse;

/// <summary>Reads ClickHouse's TabSeparated output: one row per line, escaped fields, \N for NULL.</summary>
internal static class TabSeparatedReader
{
    public static IReadOnlyList<ResultRow> Parse(string text)
    {
        var rows = new List<ResultRow>();
        foreach (string line in text.Split('\n'))
        {
            if (line.Length == 0)
            {
                continue;
            }

            rows.Add(new ResultRow([.. line.Split('\t').Select(Unescape)]));
        }

        return rows;
    }

    private static string? Unescape(string field)
    {
        if (field == @"\N")
        {
            return null;
        }

        if (!field.Contains('\\', StringComparison.Ordinal))
        {
            return field;
        }

        var builder = new StringBuilder(field.Length);
        for (int i = 0; i < field.Length; i++)
        {
            char c = field[i];
            if (c != '\\' || i == field.Length - 1)
            {
                builder.Append(c);
                continue;
            }

            char next = field[++i];
            builder.Append(next switch
            {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                'b' => '\b',
                'f' => '\f',
                '0' => '\0',
                _ => next,
            });
        }

        return builder.ToString();
    }
}
