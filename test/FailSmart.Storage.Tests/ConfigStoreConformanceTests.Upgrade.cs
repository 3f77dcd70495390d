using System.Data.Common;
using FailSmart.Storage.Config;
using FailSmart.Storage.Migrations;

namespace FailSmart.Storage.Tests;

/// <summary>A database written by an older release is upgraded with its rows intact.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    [Fact]
    public async Task InitializeAsync_database_at_version_3_upgrades_with_its_rows_intact()
    {
        await using (DbConnection connection = await OpenConnectionAsync())
        {
            (await MigrationRunner.ApplyAsync(connection, [.. ReleasedMigrations.Take(3)], "configuration", TimeProvider.System, Ct)).ShouldBe(3);
            foreach (string sql in new[]
            {
                "INSERT INTO users (id, user_name, display_name, password_hash, role, failed_attempts, lockout_end, security_stamp, created_at, updated_at) " +
                    "VALUES ('u1', 'ada@example.com', 'Ada', 'hash-u1', 'editor', 2, NULL, 'stamp-u1', '2026-01-02T03:04:05.0000000Z', '2026-01-02T03:04:05.0000000Z')",
                "INSERT INTO api_keys (id, name, kind, environment, secret_hash, created_at, expires_at, revoked_at, last_used_at) " +
                    "VALUES ('k1', 'ci', 'server', 'production', 'hash-k1', '2026-01-02T03:04:05.0000000Z', NULL, NULL, NULL)",
                "INSERT INTO resources (kind, key, version, document, tags, archived, updated_at) " +
                    "VALUES ('flag', 'checkout', 1, '{}', '|web|', 0, '2026-01-02T03:04:05.0000000Z')",
                "INSERT INTO audit_log (at, actor, action, kind, key, environment, before_doc, after_doc, reason, revision) " +
                    "VALUES ('2026-01-02T03:04:05.0000000Z', 'Ada@Example.com', 'create', 'flag', 'checkout', NULL, NULL, '{}', NULL, 1)",
                "UPDATE config_revision SET revision = 1 WHERE id = 1",
            })
            {
                await using DbCommand command = connection.CreateCommand();
                command.CommandText = sql;
                await command.ExecuteNonQueryAsync(Ct);
            }
        }

        IConfigStore store = CreateStore();
        int version = await store.InitializeAsync(Ct);

        version.ShouldBe(ReleasedMigrations[^1].Version);
        version.ShouldBeGreaterThanOrEqualTo(4);
        (await store.ListEnvironmentsAsync(Ct)).ShouldBe(
        [
            new EnvironmentRecord("development", "Development", 1, false),
            new EnvironmentRecord("staging", "Staging", 2, false),
            new EnvironmentRecord("production", "Production", 3, false),
        ]);
        UserAccount ada = (await ((IAccountStore)store).GetAccountAsync("u1", Ct)).ShouldNotBeNull();
        (ada.UserName, ada.Role, ada.FailedAttempts, ada.SecurityStamp).ShouldBe(("ada@example.com", AccountRole.Editor, 2, "stamp-u1"));
        ada.Environments.ShouldBeNull();
        ApiKeyRecord key = (await store.GetApiKeyAsync("k1", Ct)).ShouldNotBeNull();
        (key.Kind, key.Environment, key.SecretHash, key.BypassesApproval).ShouldBe((ApiKeyKind.Server, "production", "hash-k1", false));
        (await store.GetAsync(ResourceKind.Flag, "checkout", Ct)).ShouldNotBeNull().Tags.ShouldBe(["web"]);
        AuditEntry audit = (await store.QueryAuditAsync(new AuditQuery(ActorContains: "ada@EXAMPLE"), Ct)).ShouldHaveSingleItem();
        (audit.Actor, audit.Action, audit.Approver).ShouldBe(("Ada@Example.com", "create", (string?)null));
        (await store.GetRevisionAsync(Ct)).ShouldBe(1);
        (await ((IChangeRequestStore)store).ListChangeRequestsAsync(new ChangeRequestQuery(), Ct)).ShouldBeEmpty();
    }
}
