namespace FailSmart.Architecture.Tests;

/// <summary>Dependencies point one way, as docs/architecture.md draws them.</summary>
public sealed class DependencyDirectionTests
{
    public static TheoryData<string, string[]> AllowedReferences => new()
    {
        { "FailSmart.Core", [] },
        { "FailSmart.Statistics", [] },
        { "FailSmart.Protocol", ["FailSmart.Core"] },
        { "FailSmart.Storage", [] },
        { "FailSmart.Storage.Sqlite", ["FailSmart.Storage"] },
        { "FailSmart.Storage.DuckDb", ["FailSmart.Storage"] },
        { "FailSmart.Storage.PostgreSql", ["FailSmart.Storage"] },
        { "FailSmart.Storage.ClickHouse", ["FailSmart.Storage"] },
        { "FailSmart.Client", ["FailSmart.Core", "FailSmart.Protocol"] },
        { "FailSmart.Application", ["FailSmart.Core", "FailSmart.Protocol", "FailSmart.Storage", "FailSmart.Statistics"] },
        // The UI uses the records that Application's methods return (accounts, field problems, Core's evaluation
        // trace for "explain"), never a store or the Server; its only project reference is Application (below).
        { "FailSmart.Web", ["FailSmart.Application", "FailSmart.Core", "FailSmart.Protocol", "FailSmart.Storage", "FailSmart.Statistics"] },
    };

    [Theory]
    [MemberData(nameof(AllowedReferences))]
    public void Project_references_only_what_the_architecture_allows(string project, string[] allowed)
    {
        SourceProjects.ProjectReferencesOf(project).Except(allowed).ShouldBeEmpty();
        SourceProjects.AssemblyReferencesOf(project).Except(allowed).ShouldBeEmpty();
    }

    [Fact]
    public void Web_project_references_only_the_application_layer()
    {
        SourceProjects.ProjectReferencesOf("FailSmart.Web").ShouldBe(["FailSmart.Application"]);
    }

    [Fact]
    public void Server_hosts_the_web_UI_and_calls_the_application_layer()
    {
        SourceProjects.ProjectReferencesOf("FailSmart.Server").ShouldContain("FailSmart.Web");
        SourceProjects.ProjectReferencesOf("FailSmart.Server").ShouldContain("FailSmart.Application");
    }

    [Fact]
    public void Only_the_CLI_references_the_server()
    {
        string[] referencing = [.. SourceProjects.Names.Where(p => SourceProjects.ProjectReferencesOf(p).Contains("FailSmart.Server"))];

        referencing.ShouldBe(["FailSmart.Cli"]);
    }
}
