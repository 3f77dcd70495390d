using System.Text.Json;
using System.Text.RegularExpressions;
using FailSmart.Protocol.Admin;

namespace FailSmart.Application.Configuration;

/// <summary>What every resource document must have, whatever its kind: an object with a valid key and tags.</summary>
public static partial class ResourceKeys
{
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex KeyPattern();

    public static bool IsValid(string key) => KeyPattern().IsMatch(key);

    /// <summary>Reads the key and tags of a document, or says what is wrong with them.</summary>
    public static (string? Key, IReadOnlyList<string> Tags, List<FieldProblem> Problems) Read(JsonElement document)
    {
        var problems = new List<FieldProblem>();
        if (document.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("$", $"The body must be a JSON object, not {document.ValueKind}.", "Send the resource as it appears in the configuration format, for example {\"key\": \"new-checkout\", …}."));
            return (null, [], problems);
        }

        string? key = null;
        if (!document.TryGetProperty("key", out JsonElement keyElement) || keyElement.ValueKind != JsonValueKind.String)
        {
            problems.Add(new("$.key", "A string key is required.", "Add \"key\": \"my-flag\"."));
        }
        else if (!IsValid(key = keyElement.GetString()!))
        {
            problems.Add(new("$.key", $"'{key}' is not a valid key.", "Use 1 to 128 letters, digits, '.', '_', ':' or '-', starting with a letter or digit."));
        }

        var tags = new List<string>();
        if (document.TryGetProperty("tags", out JsonElement tagsElement))
        {
            if (tagsElement.ValueKind != JsonValueKind.Array)
            {
                problems.Add(new("$.tags", "tags must be an array of strings.", "For example \"tags\": [\"checkout\", \"team-payments\"]."));
            }
            else
            {
                int i = 0;
                foreach (JsonElement tag in tagsElement.EnumerateArray())
                {
                    if (tag.ValueKind != JsonValueKind.String || !IsValid(tag.GetString()!))
                    {
                        problems.Add(new($"$.tags[{i}]", "A tag must be a string of letters, digits, '.', '_', ':' or '-'.", "Remove or rename the tag."));
                    }
                    else
                    {
                        tags.Add(tag.GetString()!);
                    }

                    i++;
                }
            }
        }

        return (key, tags, problems);
    }
}
