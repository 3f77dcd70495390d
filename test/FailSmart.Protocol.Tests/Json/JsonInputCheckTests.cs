using System.Text;
using System.Text.Json;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Json;

namespace FailSmart.Protocol.Tests.Json;

public sealed class JsonInputCheckTests
{
    private static ValidationProblem? Find(string json) => JsonInputCheck.Find(Encoding.UTF8.GetBytes(json));

    [Theory]
    [InlineData("""{"name":"x","kind":"client","kind":"admin"}""", "$.kind")]
    [InlineData("""{"a":{"b":1,"c":2,"b":3}}""", "$.a.b")]
    [InlineData("""{"list":[{"k":1},{"k":1,"k":2}]}""", "$.list[1].k")]
    [InlineData("""{"context":{"odd name":1,"odd name":2}}""", "$.context['odd name']")]
    public void Find_duplicate_property_names_it_at_its_path(string json, string path)
    {
        ValidationProblem problem = Find(json).ShouldNotBeNull();

        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain("more than once");
    }

    [Theory]
    [InlineData("""{"name":"\ud800"}""", "$.name")]
    [InlineData("""{"a":["ok","\udfff tail"]}""", "$.a[1]")]
    [InlineData("""{"a":{"\ud800":1}}""", "$.a")]
    [InlineData("""["\ud83d\ude00","\ud83d"]""", "$[1]")]
    public void Find_lone_surrogate_escape_names_its_path(string json, string path)
    {
        ValidationProblem problem = Find(json).ShouldNotBeNull();

        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain("surrogate");
    }

    [Fact]
    public void Find_invalid_utf8_in_a_string_names_its_path()
    {
        byte[] json = [.. "{\"ok\":\"fine\",\"name\":\""u8, 0xFF, 0xFE, .. "\"}"u8];

        ValidationProblem problem = JsonInputCheck.Find(json).ShouldNotBeNull();

        problem.Path.ShouldBe("$.name");
        problem.Message.ShouldContain("UTF-8");
    }

    [Theory]
    [InlineData("""{"v":1e400}""", "$.v")]
    [InlineData("""{"v":[0,-1e309]}""", "$.v[1]")]
    public void Find_number_beyond_a_double_names_its_path(string json, string path)
    {
        ValidationProblem problem = Find(json).ShouldNotBeNull();

        problem.Path.ShouldBe(path);
        problem.Message.ShouldContain("range of a double");
    }

    [Theory]
    [InlineData("""{"a":1,"b":[1,2,{"c":"\ud83d\ude00 é"}],"d":{"a":1},"e":-0,"f":1e308,"g":5e-324,"h":null}""")]
    [InlineData("""[{"k":1},{"k":2}]""")]
    [InlineData("\"just a string\"")]
    public void Find_well_formed_json_is_null(string json) => Find(json).ShouldBeNull();

    [Fact]
    public void Find_nesting_deeper_than_the_reader_allows_is_a_problem()
    {
        string json = new string('[', 200) + new string(']', 200);

        ValidationProblem problem = Find(json).ShouldNotBeNull();

        problem.Message.ShouldContain("not valid JSON");
    }

    [Theory]
    [InlineData("")]
    [InlineData("{\"a\":")]
    [InlineData("{\"a\":1,}")]
    public void Find_syntax_error_is_a_problem(string json) => Find(json).ShouldNotBeNull().Message.ShouldContain("not valid JSON");

    [Fact]
    public void Find_comments_and_trailing_commas_pass_when_the_options_allow_them()
    {
        var options = new JsonReaderOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true };

        JsonInputCheck.Find("{\"a\":1, // note\n\"b\":[1,2,],}"u8, options).ShouldBeNull();
    }
}
