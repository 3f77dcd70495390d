using System.Reflection;
using System.Xml.Linq;
using FailSmart.Testing;

namespace FailSmart.Architecture.Tests;

/// <summary>The projects under src/, read from their project files and their built assemblies.</summary>
internal static class SourceProjects
{
    public static readonly string[] Names =
    [
        "FailSmart.Core", "FailSmart.Statistics", "FailSmart.Protocol", "FailSmart.Storage", "FailSmart.Storage.Sqlite",
        "FailSmart.Storage.DuckDb", "FailSmart.Storage.PostgreSql", "FailSmart.Storage.ClickHouse", "FailSmart.Application", "FailSmart.Web", "FailSmart.Server", "FailSmart.Client",
        "FailSmart.Client.FeatureManagement", "FailSmart.Client.AspNetCore", "FailSmart.Cli",
    ];

    /// <summary>The FailSmart projects that a project names in its ProjectReference items.</summary>
    public static IReadOnlyList<string> ProjectReferencesOf(string project)
    {
        string path = Path.Combine(RepositoryRoot.Find(), "src", project, project + ".csproj");
        return [.. XDocument.Load(path).Descendants("ProjectReference")
            .Select(e => Path.GetFileNameWithoutExtension(e.Attribute("Include")!.Value))
            .Order(StringComparer.Ordinal)];
    }

    /// <summary>The FailSmart assemblies that a built assembly actually uses.</summary>
    public static IReadOnlyList<string> AssemblyReferencesOf(string project) =>
        [.. Load(project).GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(n => n.StartsWith("FailSmart", StringComparison.Ordinal) || n == "failsmart")
            .Order(StringComparer.Ordinal)];

    public static Assembly Load(string project) => Assembly.Load(project == "FailSmart.Cli" ? "failsmart" : project);
}
