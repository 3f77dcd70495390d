using FailSmart.Storage.Migrations;

namespace FailSmart.Storage.PostgreSql;

/// <summary>The configuration schema for PostgreSQL; the same tables as SQLite's, in PostgreSQL's types.</summary>
internal static class PostgreSqlConfigMigrations
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
                ('development', 'Development', 1, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
                ('staging', 'Staging', 2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')),
                ('production', 'Production', 3, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'));
            """),
        new(2, "resources, revision, api keys and audit log", """
            CREATE TABLE config_revision (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                revision BIGINT NOT NULL);
            INSERT INTO config_revision (id, revision) VALUES (1, 0);
            CREATE TABLE resources (
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                version BIGINT NOT NULL,
                document TEXT NOT NULL,
                tags TEXT NOT NULL,
                archived INTEGER NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (kind, key));
            CREATE TABLE api_keys (
                id TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                kind TEXT NOT NULL,
                environment TEXT NULL REFERENCES environments (key),
                secret_hash TEXT NOT NULL UNIQUE,
                created_at TEXT NOT NULL,
                expires_at TEXT NULL,
                revoked_at TEXT NULL,
                last_used_at TEXT NULL);
            CREATE TABLE audit_log (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                at TEXT NOT NULL,
                actor TEXT NOT NULL,
                action TEXT NOT NULL,
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                environment TEXT NULL,
                before_doc TEXT NULL,
                after_doc TEXT NULL,
                reason TEXT NULL,
                revision BIGINT NOT NULL);
            CREATE INDEX audit_log_resource ON audit_log (kind, key);
            """),
        new(3, "web UI accounts", """
            CREATE TABLE users (
                id TEXT PRIMARY KEY NOT NULL,
                user_name TEXT NOT NULL UNIQUE,
                display_name TEXT NOT NULL,
                password_hash TEXT NOT NULL,
                role TEXT NOT NULL CHECK (role IN ('viewer', 'editor', 'admin')),
                failed_attempts INTEGER NOT NULL,
                lockout_end TEXT NULL,
                security_stamp TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            """),
    ];
}
