using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Configuration;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Populations;

/// <summary>What a target population must be, and its stored document (<c>{"description", "attributes", "strata": [{"values", "units"}]}</c>).</summary>
public static class PopulationRules
{
    /// <summary>The most strata one population holds: more would not fit a mix chart, nor be read from exposures quickly.</summary>
    public const int MaxStrata = 1_000;

    /// <summary>The most attributes one population crosses.</summary>
    public const int MaxAttributes = 5;

    /// <summary>The longest description and attribute value.</summary>
    public const int MaxText = 500;

    /// <summary>
    /// The problems of an input; <paramref name="rowPath"/> names a stratum's field (by index for JSON, by line for
    /// CSV) so each problem points at what to fix.
    /// </summary>
    public static List<FieldProblem> Check(PopulationInput input, Func<int, string, string> rowPath, string attributesPath = "$.attributes")
    {
        ArgumentNullException.ThrowIfNull(input);
        var problems = new List<FieldProblem>();
        if (input.Description is { Length: > MaxText })
        {
            problems.Add(new("$.description", $"The description has {input.Description.Length} characters.", $"Keep it to {MaxText}."));
        }

        IReadOnlyList<string> attributes = input.Attributes ?? [];
        if (attributes.Count is 0 or > MaxAttributes)
        {
            problems.Add(new(attributesPath, $"The population names {attributes.Count} attributes.",
                $"Name 1 to {MaxAttributes} unit attributes, such as [\"country\", \"platform\"]: the exposure properties that define the strata."));
        }

        foreach (string attribute in attributes)
        {
            if (attribute is null || !ResourceKeys.IsValid(attribute) || attribute.Equals("units", StringComparison.OrdinalIgnoreCase))
            {
                problems.Add(new(attributesPath, $"'{attribute}' is not a valid attribute name.",
                    "Use the name of an exposure property such as country: letters, digits, '.', '_', ':' or '-'; 'units' is the count column."));
            }
        }

        foreach (string twice in attributes.Where(a => a is not null).GroupBy(a => a, StringComparer.OrdinalIgnoreCase).Where(g => g.Count() > 1).Select(g => g.Key))
        {
            problems.Add(new(attributesPath, $"The attribute '{twice}' appears twice.", "Name each attribute once."));
        }

        IReadOnlyList<PopulationStratum> strata = input.Strata ?? [];
        if (strata.Count is 0 or > MaxStrata)
        {
            problems.Add(new("$.strata", $"The population has {strata.Count} strata.", $"Give 1 to {MaxStrata} strata, each with its units."));
            return problems;
        }

        var seen = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < strata.Count; i++)
        {
            PopulationStratum stratum = strata[i];
            if (stratum?.Values is not { } values || values.Count != attributes.Count)
            {
                problems.Add(new(rowPath(i, "values"), $"The stratum has {stratum?.Values?.Count ?? 0} values; the population has {attributes.Count} attributes.",
                    "Give one value per attribute, in the attributes' order."));
                continue;
            }

            for (int a = 0; a < values.Count; a++)
            {
                if (string.IsNullOrWhiteSpace(values[a]) || values[a].Length > MaxText)
                {
                    problems.Add(new(rowPath(i, attributes[a]), $"The value of '{attributes[a]}' is empty or longer than {MaxText} characters.",
                        "Give the value as exposures carry it, such as DE or ios."));
                }
            }

            if (!double.IsFinite(stratum.Units) || stratum.Units < 0)
            {
                problems.Add(new(rowPath(i, "units"), $"units is {stratum.Units.ToString(CultureInfo.InvariantCulture)}.", "Give a finite number of units, 0 or more."));
            }

            string id = string.Join('\u001f', values);
            if (seen.TryGetValue(id, out int first))
            {
                problems.Add(new(rowPath(i, "values"), $"The stratum {string.Join(", ", values)} appears twice.", $"Give each stratum once; it first appears at {rowPath(first, "values")}."));
            }
            else
            {
                seen[id] = i;
            }
        }

        if (problems.Count == 0 && !(strata.Sum(s => s.Units) > 0))
        {
            problems.Add(new("$.strata", "The population has no units.", "Give at least one stratum more than 0 units."));
        }

        return problems;
    }

    /// <summary>The stored document of a checked input.</summary>
    public static string Document(PopulationInput input) => new JsonObject
    {
        ["description"] = input.Description,
        ["attributes"] = new JsonArray([.. input.Attributes!.Select(a => (JsonNode)JsonValue.Create(a)!)]),
        ["strata"] = new JsonArray([.. input.Strata!.Select(s => (JsonNode)new JsonObject
        {
            ["values"] = new JsonArray([.. s.Values.Select(v => (JsonNode)JsonValue.Create(v)!)]),
            ["units"] = s.Units,
        })]),
    }.ToJsonString();

    public static TargetPopulation Read(PopulationRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        using JsonDocument document = JsonDocument.Parse(record.Document);
        JsonElement root = document.RootElement;
        string? description = root.TryGetProperty("description", out JsonElement d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
        string[] attributes = [.. root.GetProperty("attributes").EnumerateArray().Select(a => a.GetString()!)];
        PopulationStratum[] strata = [.. root.GetProperty("strata").EnumerateArray().Select(s => new PopulationStratum(
            [.. s.GetProperty("values").EnumerateArray().Select(v => v.GetString()!)], s.GetProperty("units").GetDouble()))];
        return new TargetPopulation(record.Key, description, attributes, strata, record.Version, record.UpdatedBy, record.UpdatedAt);
    }
}
