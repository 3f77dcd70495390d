using System.Text.Json.Nodes;
using FailSmart.Protocol.Configuration;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Protocol.Tests.Configuration;

public sealed class RuleSetPatchTests
{
    // Keys whose ordinal order differs from a culture's ("B" before "a", "-" and "é" placed apart).
    private static readonly string[] s_keys = ["a", "B", "b-2", "b2", "-x", "é", "z", "checkout"];

    /// <summary>
    /// Any sequence of changes (each one creates, edits or removes a few resources of any kind): applying the
    /// patch between each pair of consecutive documents to the first document gives the last one, byte for byte.
    /// </summary>
    [Property(MaxTest = 300)]
    public Property Applying_every_patch_in_turn_to_the_first_document_gives_the_last(int[][] changes)
    {
        var state = new SortedDictionary<(int Kind, string Key), int>();
        var documents = new List<JsonObject> { Document(state) };
        foreach (int[] change in changes ?? [])
        {
            foreach (int op in change ?? [])
            {
                int kind = Math.Abs(op % RuleSetPatch.Kinds.Count);
                string key = s_keys[Math.Abs(op / 7 % s_keys.Length)];
                if (op % 3 == 0)
                {
                    state.Remove((kind, key));
                }
                else
                {
                    state[(kind, key)] = op;
                }
            }

            documents.Add(Document(state));
        }

        var applied = (JsonObject)documents[0].DeepClone();
        for (int i = 1; i < documents.Count; i++)
        {
            JsonObject patch = RuleSetPatch.Create(documents[i - 1], documents[i], i - 1, i, "\"etag\"")!;
            // Through text, as the stream carries it.
            if (!RuleSetPatch.TryApply(applied, (JsonObject)JsonNode.Parse(patch.ToJsonString())!, out string problem))
            {
                return false.Label(problem);
            }
        }

        return (applied.ToJsonString() == documents[^1].ToJsonString()).Label(applied.ToJsonString());
    }

    [Fact]
    public void Patch_carries_only_what_changed_with_its_revisions_and_etag()
    {
        JsonObject from = Parse("""{"version":1,"flags":[{"key":"a","on":true},{"key":"b","on":true}],"segments":[{"key":"beta"}],"experiments":[],"layers":[],"holdouts":[]}""");
        JsonObject to = Parse("""{"version":1,"flags":[{"key":"a","on":true},{"key":"b","on":false},{"key":"c","on":true}],"segments":[],"experiments":[],"layers":[],"holdouts":[]}""");

        JsonObject patch = RuleSetPatch.Create(from, to, 41, 43, "\"e1\"")!;

        JsonObject expected = Parse("""{"from":41,"to":43,"etag":"\"e1\"","changed":{"flags":[{"key":"b","on":false},{"key":"c","on":true}]},"removed":{"segments":["beta"]}}""");
        JsonNode.DeepEquals(patch, expected).ShouldBeTrue(patch.ToJsonString());
    }

    [Fact]
    public void Documents_that_differ_outside_the_resources_need_a_full_document()
    {
        JsonObject from = Parse("""{"version":1,"flags":[]}""");
        JsonObject to = Parse("""{"version":2,"flags":[]}""");

        RuleSetPatch.Create(from, to, 1, 2, "\"e\"").ShouldBeNull();
    }

    [Fact]
    public void Removing_a_key_the_document_lacks_is_refused()
    {
        JsonObject document = Parse("""{"version":1,"flags":[{"key":"a"}]}""");

        bool applied = RuleSetPatch.TryApply(document, Parse("""{"changed":{},"removed":{"flags":["b"]}}"""), out string problem);

        applied.ShouldBeFalse();
        problem.ShouldContain("\"b\"");
    }

    [Fact]
    public void Unknown_kind_is_refused()
    {
        JsonObject document = Parse("""{"version":1,"flags":[]}""");

        bool applied = RuleSetPatch.TryApply(document, Parse("""{"changed":{"metrics":[{"key":"m"}]},"removed":{}}"""), out string problem);

        applied.ShouldBeFalse();
        problem.ShouldContain("metrics");
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    private static JsonObject Document(SortedDictionary<(int Kind, string Key), int> state)
    {
        var document = new JsonObject { ["version"] = 1 };
        for (int kind = 0; kind < RuleSetPatch.Kinds.Count; kind++)
        {
            var resources = new JsonArray();
            foreach (var entry in state.Where(e => e.Key.Kind == kind).OrderBy(e => e.Key.Key, StringComparer.Ordinal))
            {
                resources.Add(new JsonObject { ["key"] = entry.Key.Key, ["value"] = entry.Value, ["rules"] = new JsonArray(entry.Value % 5, "x") });
            }

            document[RuleSetPatch.Kinds[kind]] = resources;
        }

        return document;
    }
}
