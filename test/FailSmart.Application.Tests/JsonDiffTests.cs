using FailSmart.Application.Audit;

namespace FailSmart.Application.Tests;

public sealed class JsonDiffTests
{
    [Fact]
    public void Between_lists_each_changed_value_with_its_path()
    {
        IReadOnlyList<DiffLine> lines = JsonDiff.Between(
            """{"key":"f","environments":{"production":{"enabled":false,"rules":[{"id":"a"}]}}}""",
            """{"key":"f","environments":{"production":{"enabled":true,"rules":[{"id":"a"},{"id":"b"}]}},"owner":"payments"}""");

        lines.ShouldBe(
        [
            new DiffLine("$.environments.production.enabled", "false", "true"),
            new DiffLine("$.environments.production.rules[1]", null, """{"id":"b"}"""),
            new DiffLine("$.owner", null, "\"payments\""),
        ]);
    }

    [Fact]
    public void Between_a_create_shows_the_whole_document_and_equal_documents_nothing()
    {
        JsonDiff.Between(null, """{"key":"f"}""").ShouldBe([new DiffLine("$", null, """{"key":"f"}""")]);
        JsonDiff.Between("""{"a":[1,2]}""", """{"a":[1,2]}""").ShouldBeEmpty();
    }
}
