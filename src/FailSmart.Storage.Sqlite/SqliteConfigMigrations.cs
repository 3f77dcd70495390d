using FailSmart.Storage.Migrations;

namespace FailSmart.Storage.Sqlite;

/// <summary>The configuration schema, step by step. Append only: never edit a released step.</summary>
internal static class SqliteConfigMigrations
{
    public static IReadOnlyList<Migration> All { get; } =
    [
        new(1, "environments", """
            CREATE TABLE environments (
                key TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                position INTEGER NOT NULL,
                created_at TEXT NOT NULL);
            INSERT INTO environments (key, name, position, created_at) VALUES
                ('development', 'Development', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                ('staging', 'Staging', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
                ('production', 'Production', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
            """),
    ];
}
