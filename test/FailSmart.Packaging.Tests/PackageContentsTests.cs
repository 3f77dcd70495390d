using System.Text;
using System.Xml.Linq;

namespace FailSmart.Packaging.Tests;

/// <summary>
/// Each package the build produces carries what a feed and a debugger need: its README, the MIT license
/// expression, symbols with source link to the repository at the commit built, and dependencies on
/// packages that exist at the versions the build used.
/// </summary>
public sealed class PackageContentsTests
{
    public static TheoryData<string> Libraries => [.. PackedPackages.Libraries];

    public static TheoryData<string> AllPackages => [.. PackedPackages.Libraries, PackedPackages.Tool];

    [Fact]
    public void Folder_holds_exactly_the_published_packages()
    {
        string[] ids = [.. Directory.GetFiles(PackedPackages.Folder(), "*.nupkg")
            .Select(p => Path.GetFileName(p)[..^$".{PackedPackages.Version}.nupkg".Length])
            .Order(StringComparer.Ordinal)];

        ids.ShouldBe([.. PackedPackages.Libraries.Append(PackedPackages.Tool).Order(StringComparer.Ordinal)]);
    }

    [Theory]
    [MemberData(nameof(AllPackages))]
    public void Package_has_its_readme_license_description_tags_and_version(string id)
    {
        XElement nuspec = PackedPackages.Nuspec(id);

        nuspec.Element("id")!.Value.ShouldBe(id);
        nuspec.Element("version")!.Value.ShouldBe(PackedPackages.Version);
        XElement license = nuspec.Element("license").ShouldNotBeNull();
        license.Attribute("type")!.Value.ShouldBe("expression");
        license.Value.ShouldBe("MIT");
        nuspec.Element("description")!.Value.ShouldNotBeNullOrWhiteSpace();
        nuspec.Element("tags")!.Value.Split(' ').ShouldContain("failsmart");
        nuspec.Element("readme")!.Value.ShouldBe("README.md");
        string readme = Encoding.UTF8.GetString(PackedPackages.Entry(PackedPackages.PackagePath(id), "README.md"));
        readme.ShouldStartWith($"# {id}");
    }

    [Theory]
    [MemberData(nameof(AllPackages))]
    public void Package_names_the_repository_and_the_commit_it_was_built_from(string id)
    {
        XElement repository = PackedPackages.Nuspec(id).Element("repository").ShouldNotBeNull();

        repository.Attribute("type")!.Value.ShouldBe("git");
        repository.Attribute("url")!.Value.ShouldBe(PackedPackages.RepositoryUrl);
        repository.Attribute("commit")!.Value.ShouldMatch("^[0-9a-f]{40}$");
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_ships_its_assembly_and_docs_and_symbols_with_source_link(string id)
    {
        string[] entries = PackedPackages.Entries(PackedPackages.PackagePath(id));
        entries.ShouldContain($"lib/net10.0/{id}.dll");
        entries.ShouldContain($"lib/net10.0/{id}.xml");

        File.Exists(PackedPackages.SymbolsPath(id)).ShouldBeTrue($"{id} has no .snupkg beside its package.");
        string commit = PackedPackages.Nuspec(id).Element("repository")!.Attribute("commit")!.Value;
        string pdb = Encoding.UTF8.GetString(PackedPackages.Entry(PackedPackages.SymbolsPath(id), $"lib/net10.0/{id}.pdb"));
        pdb.ShouldContain($"https://raw.githubusercontent.com/failsmart/failsmart/{commit}/", Case.Sensitive, "The PDB's source link must point at the commit the package was built from.");
    }

    [Theory]
    [MemberData(nameof(Libraries))]
    public void Library_depends_only_on_produced_packages_and_the_versions_the_build_used(string id)
    {
        IReadOnlyDictionary<string, string> central = PackedPackages.CentralVersions();
        XElement[] dependencies = [.. PackedPackages.Nuspec(id).Descendants("dependency")];

        foreach (XElement dependency in dependencies)
        {
            string name = dependency.Attribute("id")!.Value;
            string version = dependency.Attribute("version")!.Value;
            if (name.StartsWith("FailSmart.", StringComparison.Ordinal))
            {
                PackedPackages.Libraries.ShouldContain(name, $"{id} depends on {name}, which is not a package the build produces.");
                version.ShouldBe(PackedPackages.Version);
                File.Exists(Path.Combine(PackedPackages.Folder(), $"{name}.{version}.nupkg")).ShouldBeTrue();
            }
            else
            {
                central.ShouldContainKey(name, $"{id} depends on {name}, which Directory.Packages.props does not pin.");
                version.ShouldBe(central[name], $"{id} depends on {name} {version}, not the version the build used.");
            }
        }
    }

    [Fact]
    public void Tool_is_a_dotnet_tool_named_failsmart_with_no_dependencies()
    {
        XElement nuspec = PackedPackages.Nuspec(PackedPackages.Tool);
        nuspec.Descendants("packageType").Select(t => t.Attribute("name")!.Value).ShouldBe(["DotnetTool"]);
        nuspec.Descendants("dependency").ShouldBeEmpty();

        using var settings = new MemoryStream(PackedPackages.Entry(PackedPackages.PackagePath(PackedPackages.Tool), "tools/net10.0/any/DotnetToolSettings.xml"));
        XElement command = XElement.Load(settings).Descendants("Command").ShouldHaveSingleItem();
        command.Attribute("Name")!.Value.ShouldBe("failsmart");
        command.Attribute("EntryPoint")!.Value.ShouldBe("failsmart.dll");
    }

    [Fact]
    public void Tool_promotes_hot_code_without_the_runtimes_delay_as_the_server_does()
    {
        // `failsmart serve` hosts the server: without this setting a freshly started server ingests at half speed for seconds.
        byte[] runtimeConfig = PackedPackages.Entry(PackedPackages.PackagePath(PackedPackages.Tool), "tools/net10.0/any/failsmart.runtimeconfig.json");
        using var document = System.Text.Json.JsonDocument.Parse(runtimeConfig);
        document.RootElement.GetProperty("runtimeOptions").GetProperty("configProperties")
            .GetProperty("System.Runtime.TieredCompilation.CallCountingDelayMs").GetInt32().ShouldBe(0);
    }
}
