using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;

namespace FailSmart.Architecture.Tests;

/// <summary>
/// Core and Statistics must be reproducible: no clock, no unseeded randomness, no per-process string
/// hashes, no I/O. The analyzer (src/PureBannedSymbols.txt) stops these at compile time; this test reads
/// the compiled metadata, so it also catches a project that lost its analyzer.
/// </summary>
public sealed class BannedApiTests
{
    private static readonly string[] s_bannedMembers =
    [
        "System.DateTime.get_Now", "System.DateTime.get_UtcNow", "System.DateTime.get_Today",
        "System.DateTimeOffset.get_Now", "System.DateTimeOffset.get_UtcNow",
        "System.Environment.get_TickCount", "System.Environment.get_TickCount64",
        "System.String.GetHashCode", "System.Guid.NewGuid",
    ];

    private static readonly string[] s_bannedTypes = ["System.Random", "System.IO.File", "System.IO.Directory", "System.Net.Http.HttpClient"];

    [Theory]
    [InlineData("FailSmart.Core")]
    [InlineData("FailSmart.Statistics")]
    public void Pure_assembly_uses_no_banned_api(string project)
    {
        UsedMembers(SourceProjects.Load(project).Location)
            .Where(m => s_bannedMembers.Contains(m) || s_bannedTypes.Any(t => m.StartsWith(t + ".", StringComparison.Ordinal)))
            .ShouldBeEmpty();
    }

    [Fact]
    public void Scanner_finds_a_banned_call_in_an_assembly_that_makes_one()
    {
        // This test assembly calls DateTime.UtcNow below, so the scanner must report it.
        _ = DateTime.UtcNow;

        UsedMembers(typeof(BannedApiTests).Assembly.Location).ShouldContain("System.DateTime.get_UtcNow");
    }

    /// <summary>"Namespace.Type.Member" for every member the assembly references in another assembly.</summary>
    private static HashSet<string> UsedMembers(string assemblyPath)
    {
        using var stream = File.OpenRead(assemblyPath);
        using var pe = new PEReader(stream);
        MetadataReader reader = pe.GetMetadataReader();
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (MemberReferenceHandle handle in reader.MemberReferences)
        {
            MemberReference member = reader.GetMemberReference(handle);
            if (member.Parent.Kind == HandleKind.TypeReference)
            {
                TypeReference type = reader.GetTypeReference((TypeReferenceHandle)member.Parent);
                used.Add($"{reader.GetString(type.Namespace)}.{reader.GetString(type.Name)}.{reader.GetString(member.Name)}");
            }
        }

        return used;
    }
}
