using FailSmart.Cli.Scanning;

namespace FailSmart.Cli.Tests;

public sealed class ScanGlobsTests
{
    [Theory]
    [InlineData("*.g.cs", "src/Api/Client.g.cs", true)]
    [InlineData("*.g.cs", "Client.g.cs", true)]
    [InlineData("*.g.cs", "src/Client.cs", false)]
    [InlineData("src/*.cs", "src/A.cs", true)]
    [InlineData("src/*.cs", "src/x/A.cs", false)]
    [InlineData("src/**/*.cs", "src/A.cs", true)]
    [InlineData("src/**/*.cs", "src/x/y/A.cs", true)]
    [InlineData("src/**", "src/x/y/A.ts", true)]
    [InlineData("src/**", "test/A.ts", false)]
    [InlineData("src/legacy", "src/legacy/old/A.cs", true)]
    [InlineData("src/legacy/", "src/legacy/A.cs", true)]
    [InlineData("./src/legacy", "src/legacy/A.cs", true)]
    [InlineData("src/legacy", "src/legacy-new/A.cs", false)]
    [InlineData("generated", "a/generated/A.cs", true)]
    [InlineData("a?.js", "ab.js", true)]
    [InlineData("a?.js", "a/.js", false)]
    [InlineData("a.b(c).js", "a.b(c).js", true)]
    [InlineData("a.b(c).js", "aXb(c).js", false)]
    public void A_glob_matches_paths_as_gitignore_would(string glob, string path, bool matches)
    {
        ScanGlobs.From([glob]).Matches(path).ShouldBe(matches);
    }

    [Fact]
    public void No_globs_match_nothing_and_several_match_any()
    {
        ScanGlobs.None.Matches("a.cs").ShouldBeFalse();
        ScanGlobs.From(["*.ts", "docs"]).Matches("docs/x.md").ShouldBeTrue();
        ScanGlobs.From(["*.ts", "docs"]).Matches("src/x.md").ShouldBeFalse();
    }
}
