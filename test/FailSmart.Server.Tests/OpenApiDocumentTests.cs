using FailSmart.Testing;

namespace FailSmart.Server.Tests;

/// <summary>
/// The committed OpenAPI document is what clients generate code from, so it must match what the server
/// serves. After an intended API change, regenerate it with FAILSMART_UPDATE_OPENAPI=1.
/// </summary>
public sealed class OpenApiDocumentTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    [Fact]
    public async Task Served_document_matches_the_committed_one()
    {
        using HttpClient client = factory.CreateClient();
        string served = (await client.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative), TestContext.Current.CancellationToken))
            .ReplaceLineEndings("\n").TrimEnd() + "\n";
        string path = Path.Combine(RepositoryRoot.Find(), "docs", "openapi", "v1.json");

        if (Environment.GetEnvironmentVariable("FAILSMART_UPDATE_OPENAPI") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            await File.WriteAllTextAsync(path, served, TestContext.Current.CancellationToken);
        }

        File.Exists(path).ShouldBeTrue($"{path} is missing; create it with FAILSMART_UPDATE_OPENAPI=1.");
        string committed = (await File.ReadAllTextAsync(path, TestContext.Current.CancellationToken)).ReplaceLineEndings("\n");
        served.ShouldBe(committed, "The API changed: review it, then regenerate docs/openapi/v1.json with FAILSMART_UPDATE_OPENAPI=1.");
    }

    [Fact]
    public async Task Api_reference_page_is_served()
    {
        using HttpClient client = factory.CreateClient();

        string html = await client.GetStringAsync(new Uri("/scalar/v1", UriKind.Relative), TestContext.Current.CancellationToken);

        html.ShouldContain("FailSmart API");
    }
}
