using System.Net;
using FailSmart.Testing;
using Microsoft.AspNetCore.Builder;
using Npgsql;

namespace FailSmart.Server.Tests.Replicas;

/// <summary>What a replica on PostgreSQL and ClickHouse says when it cannot start, and what it leaves on disk.</summary>
public sealed class ReplicaStartupTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Start_on_a_missing_database_exits_with_1_and_one_line_that_says_to_create_it()
    {
        string missing = "failsmart_missing_" + Guid.NewGuid().ToString("N");
        string connection = new NpgsqlConnectionStringBuilder(TestServices.PostgreSql()) { Database = missing }.ConnectionString;
        using var data = new TemporaryFolder();

        using ReplicaProcess replica = ReplicaProcess.Launch(
            ["--data", data.Path, "--Storage:Config:Provider", "postgresql", "--Storage:Config:ConnectionString", connection]);

        (await replica.ExitCodeAsync(Ct)).ShouldBe(1, replica.Errors);
        replica.Errors.ShouldContain($"FailSmart could not start: The database '{missing}' does not exist on PostgreSQL at ");
        replica.Errors.ShouldContain($"Create it (CREATE DATABASE {missing};)");
        ShouldShowNoStackTrace(replica);
    }

    [Fact]
    public async Task Start_as_a_user_PostgreSQL_refuses_exits_with_1_and_one_line_that_says_to_check_the_credentials()
    {
        string stranger = "nobody_" + Guid.NewGuid().ToString("N")[..12];
        string connection = new NpgsqlConnectionStringBuilder(TestServices.PostgreSql()) { Username = stranger, Password = "wrong" }.ConnectionString;
        using var data = new TemporaryFolder();

        using ReplicaProcess replica = ReplicaProcess.Launch(
            ["--data", data.Path, "--Storage:Config:Provider", "postgresql", "--Storage:Config:ConnectionString", connection]);

        (await replica.ExitCodeAsync(Ct)).ShouldBe(1, replica.Errors);
        replica.Errors.ShouldContain($"FailSmart could not start: PostgreSQL at ");
        replica.Errors.ShouldContain($"refused user '{stranger}'");
        replica.Errors.ShouldContain("Check Username and Password in Storage:Config:ConnectionString");
        replica.Errors.ShouldNotContain("wrong");
        ShouldShowNoStackTrace(replica);
    }

    [Fact]
    public async Task Start_with_a_connection_string_that_does_not_parse_exits_with_1_and_says_how_to_write_it()
    {
        using var data = new TemporaryFolder();

        using ReplicaProcess replica = ReplicaProcess.Launch(
            ["--data", data.Path, "--Storage:Config:Provider", "postgresql", "--Storage:Config:ConnectionString", "Hots=db.example;Database=failsmart"]);

        (await replica.ExitCodeAsync(Ct)).ShouldBe(1, replica.Errors);
        replica.Errors.ShouldContain("FailSmart could not start: Storage:Config:ConnectionString is not a PostgreSQL connection string (");
        replica.Errors.ShouldContain("Host=…;Port=5432;Database=…;Username=…;Password=…");
        ShouldShowNoStackTrace(replica);
    }

    [Fact]
    public async Task Replica_on_PostgreSQL_and_ClickHouse_creates_no_data_folder()
    {
        await using ReplicaStores stores = await ReplicaStores.CreateAsync(Ct);
        using var parent = new TemporaryFolder();
        string data = Path.Combine(parent.Path, "failsmart-data");
        await using WebApplication app = FailSmartServer.Create([.. stores.Arguments, "--data", data, "--urls", "http://127.0.0.1:0"]);

        await app.StartAsync(Ct);
        using var client = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        using HttpResponseMessage health = await client.GetAsync(new Uri("/health", UriKind.Relative), Ct);
        await app.StopAsync(Ct);

        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        Directory.Exists(data).ShouldBeFalse("nothing on PostgreSQL and ClickHouse writes to the data folder");
    }

    [Fact]
    public async Task Replica_on_PostgreSQL_with_the_embedded_event_store_creates_the_data_folder_for_it()
    {
        await using ReplicaStores stores = await ReplicaStores.CreateAsync(Ct);
        using var parent = new TemporaryFolder();
        string data = Path.Combine(parent.Path, "failsmart-data");
        await using WebApplication app = FailSmartServer.Create(
            ["--Storage:Config:Provider", "postgresql", "--Storage:Config:ConnectionString", stores.ConnectionString, "--data", data, "--urls", "http://127.0.0.1:0"]);

        await app.StartAsync(Ct);
        await app.StopAsync(Ct);

        File.Exists(Path.Combine(data, "events.duckdb")).ShouldBeTrue();
        File.Exists(Path.Combine(data, "config.db")).ShouldBeFalse();
    }

    // The error stream holds the one line; the log (standard output) may hold the exception in full for
    // the operator, but the process never dies of it.
    private static void ShouldShowNoStackTrace(ReplicaProcess replica)
    {
        (replica.Output + replica.Errors).ShouldNotContain("Unhandled exception");
        replica.Errors.ShouldNotContain("   at ");
        replica.Errors.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length.ShouldBe(1, replica.Errors);
    }
}
