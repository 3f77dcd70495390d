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
        // audit_log.actor_folded holds the actor lower-cased by FailSmart (letters beyond ASCII too), so the
        // person filter ignores case alike on every engine; entries written before this step are folded by
        // the engine's LOWER, which on SQLite folds ASCII only.
        new(4, "approvals: environment policy, approver, editor environments, change requests", """
            ALTER TABLE environments ADD COLUMN requires_approval INTEGER NOT NULL DEFAULT 0;
            ALTER TABLE audit_log ADD COLUMN approver TEXT NULL;
            ALTER TABLE audit_log ADD COLUMN actor_folded TEXT NOT NULL DEFAULT '';
            UPDATE audit_log SET actor_folded = LOWER(actor);
            ALTER TABLE users ADD COLUMN environments TEXT NULL;
            ALTER TABLE api_keys ADD COLUMN bypasses_approval INTEGER NOT NULL DEFAULT 0;
            CREATE TABLE change_requests (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                environment TEXT NULL,
                action TEXT NOT NULL,
                base_version BIGINT NULL,
                document TEXT NULL,
                tags TEXT NOT NULL,
                author TEXT NOT NULL,
                author_id TEXT NOT NULL,
                reason TEXT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'approved', 'applied', 'rejected', 'conflict', 'withdrawn')),
                created_at TEXT NOT NULL,
                decided_by TEXT NULL,
                decided_at TEXT NULL,
                decision_note TEXT NULL,
                applied_revision BIGINT NULL);
            CREATE INDEX change_requests_status ON change_requests (status, id);
            CREATE INDEX change_requests_resource ON change_requests (kind, key);
            """),
        new(5, "guarded rollouts: state and leases", """
            CREATE TABLE rollouts (
                environment TEXT NOT NULL,
                flag TEXT NOT NULL,
                rule TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('running', 'awaiting-approval', 'paused', 'rolled-back', 'completed', 'holdback-ended')),
                stage_index INTEGER NOT NULL,
                stage_started_at TEXT NOT NULL,
                phase INTEGER NOT NULL,
                last_move TEXT NULL,
                last_reason TEXT NULL,
                last_readings TEXT NULL,
                looked_at TEXT NULL,
                approved_by TEXT NULL,
                version BIGINT NOT NULL,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (environment, flag, rule));
            CREATE TABLE leases (
                name TEXT PRIMARY KEY NOT NULL,
                holder TEXT NOT NULL,
                expires_at TEXT NOT NULL);
            """),
        new(6, "scheduled changes, webhooks, webhook deliveries and the dispatcher's cursor", """
            CREATE TABLE scheduled_changes (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                due_at TEXT NOT NULL,
                kind TEXT NOT NULL,
                key TEXT NOT NULL,
                environment TEXT NULL,
                action TEXT NOT NULL,
                enabled INTEGER NULL,
                document TEXT NULL,
                tags TEXT NOT NULL,
                base_version BIGINT NULL,
                author TEXT NOT NULL,
                author_id TEXT NOT NULL,
                reason TEXT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'applied', 'cancelled', 'failed', 'waiting-for-approval')),
                created_at TEXT NOT NULL,
                finished_at TEXT NULL,
                finished_by TEXT NULL,
                applied_revision BIGINT NULL,
                message TEXT NULL,
                change_request_id BIGINT NULL);
            CREATE INDEX scheduled_changes_due ON scheduled_changes (status, due_at);
            CREATE TABLE webhooks (
                id TEXT PRIMARY KEY NOT NULL,
                url TEXT NOT NULL,
                secret TEXT NOT NULL,
                events TEXT NOT NULL,
                enabled INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL);
            CREATE TABLE webhook_deliveries (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                webhook_id TEXT NOT NULL,
                audit_id BIGINT NULL,
                event TEXT NOT NULL,
                body TEXT NOT NULL,
                attempts INTEGER NOT NULL,
                next_attempt_at TEXT NOT NULL,
                status TEXT NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
                last_status_code INTEGER NULL,
                last_error TEXT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
            CREATE INDEX webhook_deliveries_webhook ON webhook_deliveries (webhook_id, id);
            CREATE TABLE webhook_attempts (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                delivery_id BIGINT NOT NULL,
                webhook_id TEXT NOT NULL,
                attempt INTEGER NOT NULL,
                at TEXT NOT NULL,
                status_code INTEGER NULL,
                error TEXT NULL,
                delivered INTEGER NOT NULL);
            CREATE INDEX webhook_attempts_webhook ON webhook_attempts (webhook_id, id);
            CREATE TABLE webhook_cursor (
                id INTEGER PRIMARY KEY CHECK (id = 1),
                last_audit_id BIGINT NOT NULL);
            INSERT INTO webhook_cursor (id, last_audit_id) VALUES (1, 0);
            """),
        new(7, "features and their phase decisions", """
            CREATE TABLE features (
                key TEXT PRIMARY KEY NOT NULL,
                name TEXT NOT NULL,
                name_folded TEXT NOT NULL,
                owner TEXT NOT NULL,
                phase TEXT NOT NULL,
                document TEXT NOT NULL,
                version BIGINT NOT NULL,
                archived INTEGER NOT NULL,
                created_by TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            CREATE INDEX features_name ON features (archived, name_folded);
            CREATE TABLE feature_decisions (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                feature_key TEXT NOT NULL,
                decision TEXT NOT NULL CHECK (decision IN ('advance', 'iterate', 'stop')),
                from_phase TEXT NOT NULL,
                to_phase TEXT NOT NULL,
                reason TEXT NOT NULL,
                evidence TEXT NOT NULL,
                actor TEXT NOT NULL,
                at TEXT NOT NULL);
            CREATE INDEX feature_decisions_feature ON feature_decisions (feature_key, id);
            """),
        new(8, "flag usage: daily evaluation counts per environment, flag and variation, the sources that report them, and recent report ids", """
            CREATE TABLE flag_usage (
                environment TEXT NOT NULL,
                flag TEXT NOT NULL,
                variation TEXT NOT NULL,
                day TEXT NOT NULL,
                count BIGINT NOT NULL,
                last_evaluated TEXT NOT NULL,
                sources TEXT NOT NULL,
                PRIMARY KEY (environment, flag, variation, day));
            CREATE INDEX flag_usage_day ON flag_usage (day);
            CREATE TABLE flag_usage_sources (
                environment TEXT NOT NULL,
                source TEXT NOT NULL,
                last_reported_at TEXT NOT NULL,
                PRIMARY KEY (environment, source));
            CREATE TABLE flag_usage_reports (
                id TEXT PRIMARY KEY NOT NULL,
                received_at TEXT NOT NULL);
            CREATE INDEX flag_usage_reports_received ON flag_usage_reports (received_at);
            """),
        new(9, "lessons and the glossary, with generated tsvector columns under GIN indexes", """
            CREATE TABLE lessons (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                subject_kind TEXT NOT NULL,
                subject_key TEXT NOT NULL,
                title TEXT NOT NULL,
                expected TEXT NOT NULL,
                happened TEXT NOT NULL,
                why TEXT NOT NULL,
                next_time TEXT NOT NULL,
                tags TEXT NOT NULL,
                metrics TEXT NOT NULL,
                markets TEXT NOT NULL,
                links TEXT NOT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version BIGINT NOT NULL,
                archived INTEGER NOT NULL,
                search tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', title), 'A') ||
                    setweight(to_tsvector('simple', tags), 'B') ||
                    setweight(to_tsvector('simple', expected || ' ' || happened || ' ' || why || ' ' || next_time), 'C')) STORED);
            CREATE INDEX lessons_subject ON lessons (subject_kind, subject_key);
            CREATE INDEX lessons_search ON lessons USING GIN (search);
            CREATE TABLE glossary_terms (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                key TEXT NOT NULL UNIQUE,
                term TEXT NOT NULL,
                sort_key TEXT NOT NULL,
                meaning TEXT NOT NULL,
                origin TEXT NOT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                updated_at TEXT NOT NULL,
                version BIGINT NOT NULL,
                archived INTEGER NOT NULL,
                search tsvector GENERATED ALWAYS AS (
                    setweight(to_tsvector('simple', term), 'A') ||
                    setweight(to_tsvector('simple', meaning || ' ' || origin), 'C')) STORED);
            CREATE INDEX glossary_terms_search ON glossary_terms USING GIN (search);
            """),
        new(10, "the investment ledger: effort per feature, week and phase", """
            CREATE TABLE ledger_entries (
                id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
                feature_key TEXT NOT NULL,
                week TEXT NOT NULL,
                phase TEXT NOT NULL CHECK (phase IN ('think', 'build', 'ship', 'tweak', 'maintain')),
                person_days DOUBLE PRECISION NOT NULL,
                cost_per_person_day DOUBLE PRECISION NULL,
                note TEXT NULL,
                author TEXT NOT NULL,
                created_at TEXT NOT NULL,
                UNIQUE (feature_key, week, phase));
            """),
        new(11, "shared analysis results: one per request, with the mark it was computed at and a claim for recomputing it", """
            CREATE TABLE results (
                key TEXT PRIMARY KEY NOT NULL,
                request TEXT NOT NULL,
                document TEXT NOT NULL,
                config_revision BIGINT NOT NULL,
                stored_rows BIGINT NOT NULL,
                computed_at TEXT NOT NULL,
                computed_by TEXT NOT NULL,
                claimed_by TEXT NULL,
                claimed_until TEXT NULL);
            """),
        // Each new revision is announced on the channel failsmart_revision, which PostgreSQL delivers to
        // listeners when (and only if) the writing transaction commits; the function body is one line, as
        // the runner splits statements at line-ending semicolons.
        new(12, "the data-protection key ring, and each new revision announced to listening replicas", """
            CREATE TABLE data_protection_keys (
                name TEXT PRIMARY KEY NOT NULL,
                xml TEXT NOT NULL,
                stored_at TEXT NOT NULL);
            CREATE FUNCTION failsmart_announce_revision() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN PERFORM pg_notify('failsmart_revision', NEW.revision::text); RETURN NULL; END $$;
            CREATE TRIGGER config_revision_announce AFTER UPDATE OF revision ON config_revision FOR EACH ROW EXECUTE FUNCTION failsmart_announce_revision();
            """),
        new(13, "target populations: a team's units per stratum, the table a JSON document", """
            CREATE TABLE populations (
                key TEXT PRIMARY KEY,
                document TEXT NOT NULL,
                version BIGINT NOT NULL,
                updated_by TEXT NOT NULL,
                updated_at TEXT NOT NULL);
            """),
    ];
}
