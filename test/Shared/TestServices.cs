namespace FailSmart.Testing;

/// <summary>
/// The services that ./build.sh test starts for the suite (eng/services/), read from the variables it
/// exports. Run alone (`dotnet test`), a test that needs a missing service is skipped with a message that
/// says how to get it; under CI (CI=true) a missing service fails the test instead, so that a broken
/// service script can never pass as a skip.
/// </summary>
internal static class TestServices
{
    /// <summary>The node_modules folder with the pinned peer packages (eng/node-peers).</summary>
    public static string NodePeers() => Require("FAILSMART_TEST_NODE_PEERS", "the pinned npm peer packages");

    /// <summary>Debian's Chromium, for Playwright.</summary>
    public static string Chromium() => Require("FAILSMART_TEST_CHROMIUM", "Chromium");

    /// <summary>The folder the build packed FailSmart's NuGet packages into (dotnet pack), for the packaging tests.</summary>
    public static string Packages() => Require("FAILSMART_TEST_PACKAGES", "the folder of packed FailSmart packages");

    /// <summary>The Npgsql connection string of the suite's PostgreSQL server; create a database of your own on it.</summary>
    public static string PostgreSql() => Require("FAILSMART_TEST_POSTGRES", "PostgreSQL");

    /// <summary>The HTTP address of the suite's ClickHouse server; use a database of your own on it.</summary>
    public static Uri ClickHouse() => new(Require("FAILSMART_TEST_CLICKHOUSE", "ClickHouse"));

    /// <summary>The HTTP addresses of the suite's two-shard ClickHouse cluster, named failsmart; send queries to the first.</summary>
    public static IReadOnlyList<Uri> ClickHouseCluster() =>
        [.. Require("FAILSMART_TEST_CLICKHOUSE_CLUSTER", "The ClickHouse cluster").Split(',').Select(url => new Uri(url))];

    private static string Require(string variable, string what)
    {
        string? value = Environment.GetEnvironmentVariable(variable);
        if (!string.IsNullOrEmpty(value))
        {
            return value;
        }

        string message = $"{what} is not available: run ./build.sh test, which installs it and sets {variable}.";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
        {
            Assert.Fail(message);
        }

        Assert.Skip(message);
        return value!;
    }
}
