using FailSmart.Storage.Config;

namespace FailSmart.Storage.Tests;

/// <summary>Search text and tags are literals: '%', '_' and '\' are not LIKE wildcards or escapes.</summary>
public abstract partial class ConfigStoreConformanceTests
{
    [Theory]
    [InlineData("%", "fifty-off")]
    [InlineData("_", "snake_case")]
    [InlineData("\\", "back-slash")]
    [InlineData("0%", "fifty-off")]
    public async Task ListAsync_text_with_like_wildcards_matches_them_literally(string text, string expected)
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("plain", """{"note":"nothing special"}"""), Ct);
        await store.CreateAsync(Write("fifty-off", """{"note":"50% off"}"""), Ct);
        await store.CreateAsync(Write("snake_case", """{"note":"underscore in the key"}"""), Ct);
        await store.CreateAsync(Write("back-slash", """{"note":"a \\ backslash"}"""), Ct);

        ResourcePage page = await store.ListAsync(new ResourceQuery(ResourceKind.Flag, Text: text), Ct);

        page.Items.Select(r => r.Key).ShouldBe([expected]);
        page.Total.ShouldBe(1);
    }

    [Fact]
    public async Task ListAsync_tag_with_underscore_matches_only_that_tag()
    {
        IConfigStore store = await ReadyStoreAsync();
        await store.CreateAsync(Write("with-underscore", "{}", tags: ["team_a"]), Ct);
        await store.CreateAsync(Write("with-other-char", "{}", tags: ["team-a"]), Ct);

        ResourcePage page = await store.ListAsync(new ResourceQuery(ResourceKind.Flag, Tag: "team_a"), Ct);

        page.Items.Select(r => r.Key).ShouldBe(["with-underscore"]);
    }
}
