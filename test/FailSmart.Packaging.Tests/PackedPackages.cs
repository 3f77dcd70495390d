using System.IO.Compression;
using System.Xml.Linq;
using FailSmart.Testing;

namespace FailSmart.Packaging.Tests;

/// <summary>The packages the build produces, read from the folder it packed them into.</summary>
internal static class PackedPackages
{
    /// <summary>Libraries an application references; each must depend only on packages that are also produced.</summary>
    public static readonly string[] Libraries =
        ["FailSmart.Core", "FailSmart.Protocol", "FailSmart.Client", "FailSmart.Client.AspNetCore", "FailSmart.Client.FeatureManagement"];

    /// <summary>The failsmart command, a .NET tool.</summary>
    public const string Tool = "FailSmart.Cli";

    public const string RepositoryUrl = "https://github.com/failsmart/failsmart";

    /// <summary>The version every package carries: the one in the root Directory.Build.props.</summary>
    public static string Version { get; } = XDocument.Load(Path.Combine(RepositoryRoot.Find(), "Directory.Build.props"))
        .Descendants("Version").Single().Value;

    public static string Folder() => TestServices.Packages();

    public static string PackagePath(string id) => Path.Combine(Folder(), $"{id}.{Version}.nupkg");

    public static string SymbolsPath(string id) => Path.Combine(Folder(), $"{id}.{Version}.snupkg");

    /// <summary>The nuspec of a package, with its XML namespace removed so elements are found by name.</summary>
    public static XElement Nuspec(string id)
    {
        using ZipArchive zip = ZipFile.OpenRead(PackagePath(id));
        ZipArchiveEntry entry = zip.Entries.Single(e => e.FullName == $"{id}.nuspec");
        using Stream stream = entry.Open();
        XElement root = XElement.Load(stream);
        foreach (XElement element in root.DescendantsAndSelf())
        {
            element.Name = element.Name.LocalName;
        }

        return root.Element("metadata") ?? throw new InvalidDataException($"{id}.nuspec has no metadata.");
    }

    public static string[] Entries(string path)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        return [.. zip.Entries.Select(e => e.FullName)];
    }

    public static byte[] Entry(string path, string name)
    {
        using ZipArchive zip = ZipFile.OpenRead(path);
        using Stream stream = zip.GetEntry(name)?.Open() ?? throw new FileNotFoundException($"{name} is not in {Path.GetFileName(path)}.");
        using var copy = new MemoryStream();
        stream.CopyTo(copy);
        return copy.ToArray();
    }

    /// <summary>Third-party package versions, as Directory.Packages.props pins them for the build.</summary>
    public static IReadOnlyDictionary<string, string> CentralVersions() =>
        XDocument.Load(Path.Combine(RepositoryRoot.Find(), "Directory.Packages.props"))
            .Descendants("PackageVersion")
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value, StringComparer.OrdinalIgnoreCase);
}
