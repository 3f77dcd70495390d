using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace FailSmart.Web.Flags;

/// <summary>One "attribute operator value" row of the condition builder.</summary>
public sealed class ConditionDraft
{
    public string Attribute { get; set; } = "";

    public ConditionOperator Operator { get; set; } = ConditionOperator.EqualTo;

    public string Value { get; set; } = "";

    /// <summary>{"attribute": {"$op": value}}, as docs/concepts/targeting.md writes it.</summary>
    public JsonObject ToJson()
    {
        JsonNode? value = Operator switch
        {
            ConditionOperator.EqualTo => new JsonObject { ["$eq"] = Scalar(Value) },
            ConditionOperator.NotEqualTo => new JsonObject { ["$ne"] = Scalar(Value) },
            ConditionOperator.InList => new JsonObject { ["$in"] = List(Value) },
            ConditionOperator.NotInList => new JsonObject { ["$nin"] = List(Value) },
            ConditionOperator.Contains => new JsonObject { ["$regex"] = EscapeRegex(Value) },
            ConditionOperator.StartsWith => new JsonObject { ["$regex"] = "^" + EscapeRegex(Value) },
            ConditionOperator.EndsWith => new JsonObject { ["$regex"] = EscapeRegex(Value) + "$" },
            ConditionOperator.MatchesRegex => new JsonObject { ["$regex"] = Value },
            ConditionOperator.GreaterThan => new JsonObject { ["$gt"] = Scalar(Value) },
            ConditionOperator.LessThan => new JsonObject { ["$lt"] = Scalar(Value) },
            ConditionOperator.Exists => new JsonObject { ["$exists"] = true },
            ConditionOperator.InSegment => new JsonObject { ["$inGroup"] = Value.Trim() },
            _ => null,
        };
        return new JsonObject { [Attribute.Trim()] = value };
    }

    /// <summary>The builder row for one single-operator test, or null when the builder cannot show it (use JSON mode).</summary>
    public static ConditionDraft? From(string attribute, JsonNode? test)
    {
        if (attribute.StartsWith('$'))
        {
            return null;
        }

        if (test is not JsonObject { Count: 1 } operation)
        {
            // {"country": "SE"} is equality.
            return test is JsonValue scalar ? new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.EqualTo, Value = Text(scalar) } : null;
        }

        (string op, JsonNode? operand) = operation.First();
        return (op, operand) switch
        {
            ("$eq", JsonValue v) => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.EqualTo, Value = Text(v) },
            ("$ne", JsonValue v) => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.NotEqualTo, Value = Text(v) },
            ("$in", JsonArray list) when list.All(i => i is JsonValue) => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.InList, Value = string.Join(", ", list.Select(i => Text((JsonValue)i!))) },
            ("$nin", JsonArray list) when list.All(i => i is JsonValue) => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.NotInList, Value = string.Join(", ", list.Select(i => Text((JsonValue)i!))) },
            ("$regex", JsonValue v) when v.GetValueKind() == JsonValueKind.String => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.MatchesRegex, Value = v.GetValue<string>() },
            ("$gt", JsonValue v) => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.GreaterThan, Value = Text(v) },
            ("$lt", JsonValue v) => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.LessThan, Value = Text(v) },
            ("$exists", JsonValue v) when v.GetValueKind() == JsonValueKind.True => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.Exists },
            ("$inGroup", JsonValue v) when v.GetValueKind() == JsonValueKind.String => new ConditionDraft { Attribute = attribute, Operator = ConditionOperator.InSegment, Value = v.GetValue<string>() },
            _ => null,
        };
    }

    // A number, true or false is written as itself; anything else as a string, so "SE" needs no quotes.
    private static JsonNode? Scalar(string text)
    {
        string trimmed = text.Trim();
        if (trimmed is "true" or "false")
        {
            return JsonValue.Create(trimmed == "true");
        }

        if (trimmed.Length > 0 && (char.IsAsciiDigit(trimmed[0]) || trimmed[0] == '-'))
        {
            try
            {
                if (JsonNode.Parse(trimmed) is JsonValue number && number.GetValueKind() == JsonValueKind.Number)
                {
                    return number;
                }
            }
            catch (JsonException)
            {
                // Not a JSON number ("1st", "-x"): a string.
            }
        }

        return JsonValue.Create(trimmed);
    }

    private static JsonArray List(string text) =>
        [.. text.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Select(Scalar)];

    private static string Text(JsonValue value) =>
        value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();

    // JavaScript's syntax characters, escaped so "contains a.b" matches the dot and nothing else.
    private static string EscapeRegex(string text)
    {
        var escaped = new StringBuilder(text.Length);
        foreach (char c in text)
        {
            if ("\\^$.|?*+()[]{}/".Contains(c, StringComparison.Ordinal))
            {
                escaped.Append('\\');
            }

            escaped.Append(c);
        }

        return escaped.ToString();
    }
}
