using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Protocol.Admin;

namespace FailSmart.Web.Flags;

/// <summary>
/// One rule as the page edits it: a condition (builder rows joined with AND, or JSON), and what it serves
/// (a rollout percentage of a variation). Properties the page does not edit (segments, an experiment, a
/// rollout's hash attribute, a guarded rollout's plan) are kept as they were read, so saving never drops them.
/// </summary>
public sealed class RuleDraft
{
    private JsonObject _original = [];

    public string Id { get; set; } = "";

    public List<ConditionDraft> Conditions { get; } = [];

    /// <summary>Whether the condition is edited as JSON (conditions the builder cannot show start that way).</summary>
    public bool ConditionAsJson { get; set; }

    public string ConditionJson { get; set; } = "";

    /// <summary>Whether the whole rule is edited as JSON.</summary>
    public bool RuleAsJson { get; set; }

    public string RuleJson { get; set; } = "";

    public string Variation { get; set; } = "";

    public double Percentage { get; set; } = 100;

    /// <summary>Whether the rule serves through an experiment (shown read-only; edit it as JSON).</summary>
    public bool IsExperiment => _original.ContainsKey("experiment");

    /// <summary>Whether the rule is a guarded rollout: its plan is kept as read and its stage is the rollout engine's to move.</summary>
    public bool IsGuarded => _original["rollout"] is JsonObject { } rollout && rollout["plan"] is JsonObject;

    /// <summary>A guarded rollout's plan in one line (stage, holdback, phase), or null.</summary>
    public string? PlanSummary => IsGuarded ? Summarize((JsonObject)_original["rollout"]!) : null;

    public static RuleDraft New(string id, string variation) => new() { Id = id, Variation = variation, Percentage = 100 };

    public static RuleDraft From(JsonObject rule)
    {
        var draft = new RuleDraft { _original = (JsonObject)rule.DeepClone(), Id = rule["id"]?.GetValueKind() == JsonValueKind.String ? rule["id"]!.GetValue<string>() : "" };
        if (rule["rollout"] is JsonObject rollout)
        {
            draft.Variation = rollout["variation"]?.GetValueKind() == JsonValueKind.String ? rollout["variation"]!.GetValue<string>() : "";
            draft.Percentage = rollout["percentage"]?.GetValueKind() == JsonValueKind.Number ? rollout["percentage"]!.GetValue<double>() : 100;
        }
        else if (rule["force"] is JsonObject force)
        {
            draft.Variation = force["variation"]?.GetValueKind() == JsonValueKind.String ? force["variation"]!.GetValue<string>() : "";
            draft.Percentage = 100;
        }

        draft.ReadCondition(rule["condition"]);
        draft.RuleJson = rule.ToJsonString(s_indented);
        draft.RuleAsJson = draft.IsExperiment;
        return draft;
    }

    /// <summary>The rule as the configuration format writes it, or a problem at the field that cannot be read.</summary>
    public (JsonObject? Rule, FieldProblem? Problem) ToJson(string path)
    {
        if (RuleAsJson)
        {
            return Parse(RuleJson, path) is (JsonObject rule, null) ? (rule, null) : (null, Parse(RuleJson, path).Problem ?? NotAnObject(path));
        }

        JsonObject result = (JsonObject)_original.DeepClone();
        result["id"] = Id.Trim();
        if (ConditionAsJson)
        {
            if (string.IsNullOrWhiteSpace(ConditionJson))
            {
                result.Remove("condition");
            }
            else if (Parse(ConditionJson, path + ".condition") is (JsonObject condition, null))
            {
                result["condition"] = condition;
            }
            else
            {
                return (null, Parse(ConditionJson, path + ".condition").Problem ?? NotAnObject(path + ".condition"));
            }
        }
        else if (Conditions.Count == 0)
        {
            result.Remove("condition");
        }
        else
        {
            result["condition"] = Conditions.Count == 1 ? Conditions[0].ToJson() : new JsonObject { ["$and"] = new JsonArray([.. Conditions.Select(c => (JsonNode)c.ToJson())]) };
        }

        if (!IsExperiment)
        {
            // 100% of a variation is a force rule, as people write it by hand; anything less is a rollout.
            JsonObject? previousRollout = result["rollout"] as JsonObject;
            result.Remove("force");
            result.Remove("rollout");
            if (Percentage >= 100 && previousRollout is null)
            {
                result["force"] = new JsonObject { ["variation"] = Variation };
            }
            else
            {
                JsonObject rollout = previousRollout is null ? [] : (JsonObject)previousRollout.DeepClone();
                rollout["variation"] = Variation;
                if (!IsGuarded)
                {
                    // A guarded rollout's percentage is a stage of its plan, written exactly as read.
                    rollout["percentage"] = JsonNode.Parse(Percentage.ToString("0.####", CultureInfo.InvariantCulture));
                }
                result["rollout"] = rollout;
            }
        }

        return (result, null);
    }

    /// <summary>Switches the condition between builder and JSON, carrying what was entered across when it can.</summary>
    public FieldProblem? SetConditionAsJson(bool asJson, string path)
    {
        if (asJson)
        {
            ConditionJson = Conditions.Count switch
            {
                0 => "",
                1 => Conditions[0].ToJson().ToJsonString(s_indented),
                _ => new JsonObject { ["$and"] = new JsonArray([.. Conditions.Select(c => (JsonNode)c.ToJson())]) }.ToJsonString(s_indented),
            };
            ConditionAsJson = true;
            return null;
        }

        (JsonNode? parsed, FieldProblem? problem) = string.IsNullOrWhiteSpace(ConditionJson) ? (null, null) : Parse(ConditionJson, path);
        if (problem is not null)
        {
            return problem;
        }

        if (!ReadCondition(parsed))
        {
            return new FieldProblem(path, "The builder cannot show this condition.", "Keep editing it as JSON; the builder shows single tests on attributes joined with AND.");
        }

        return null;
    }

    /// <summary>Switches the whole rule between the form and JSON.</summary>
    public FieldProblem? SetRuleAsJson(bool asJson, string path)
    {
        if (asJson)
        {
            (JsonObject? rule, FieldProblem? problem) = ToJson(path);
            if (problem is not null)
            {
                return problem;
            }

            RuleJson = rule!.ToJsonString(s_indented);
            RuleAsJson = true;
            return null;
        }

        (JsonNode? parsed, FieldProblem? parseProblem) = Parse(RuleJson, path);
        if (parsed is not JsonObject read)
        {
            return parseProblem ?? NotAnObject(path);
        }

        RuleDraft fresh = From(read);
        if (fresh.IsExperiment)
        {
            return new FieldProblem(path, "A rule that runs an experiment is edited as JSON.", "Keep the JSON view for this rule.");
        }

        _original = fresh._original;
        Id = fresh.Id;
        Variation = fresh.Variation;
        Percentage = fresh.Percentage;
        Conditions.Clear();
        Conditions.AddRange(fresh.Conditions);
        ConditionAsJson = fresh.ConditionAsJson;
        ConditionJson = fresh.ConditionJson;
        RuleAsJson = false;
        return null;
    }

    private static string Summarize(JsonObject rollout)
    {
        JsonObject plan = (JsonObject)rollout["plan"]!;
        string Number(JsonNode? node, string fallback) =>
            node?.GetValueKind() == JsonValueKind.Number ? node.GetValue<double>().ToString("0.####", CultureInfo.InvariantCulture) : fallback;
        string stages = plan["stages"] is JsonArray list
            ? string.Join(" → ", list.Select(s => Number((s as JsonObject)?["percentage"], "?") + "%"))
            : "1% → 5% → 10% → 25% → 50% → 100%";
        string control = plan["controlVariation"]?.GetValueKind() == JsonValueKind.String ? $"'{plan["controlVariation"]!.GetValue<string>()}'" : "the default variation";
        return $"Guarded rollout at stage {Number(rollout["percentage"], "0")}% of the units not held back ({stages}), holdback {Number(plan["holdback"], "1")}%, phase {Number(plan["phase"], "1")}; the others get {control}. The rollout engine moves the stage.";
    }

    private bool ReadCondition(JsonNode? condition)
    {
        List<ConditionDraft>? rows = Rows(condition);
        Conditions.Clear();
        if (rows is null)
        {
            ConditionAsJson = true;
            ConditionJson = condition?.ToJsonString(s_indented) ?? "";
            return false;
        }

        Conditions.AddRange(rows);
        ConditionAsJson = false;
        ConditionJson = "";
        return true;
    }

    private static List<ConditionDraft>? Rows(JsonNode? condition)
    {
        if (condition is null)
        {
            return [];
        }

        if (condition is not JsonObject test)
        {
            return null;
        }

        if (test.Count == 1 && test["$and"] is JsonArray all)
        {
            var rows = new List<ConditionDraft>();
            foreach (JsonNode? part in all)
            {
                if (part is not JsonObject { Count: 1 } one || ConditionDraft.From(one.First().Key, one.First().Value) is not { } row)
                {
                    return null;
                }

                rows.Add(row);
            }

            return rows;
        }

        var single = new List<ConditionDraft>();
        foreach ((string attribute, JsonNode? value) in test)
        {
            if (ConditionDraft.From(attribute, value) is not { } row)
            {
                return null;
            }

            single.Add(row);
        }

        return single;
    }

    private static (JsonNode? Node, FieldProblem? Problem) Parse(string json, string path)
    {
        try
        {
            return (JsonNode.Parse(json), null);
        }
        catch (JsonException ex)
        {
            return (null, new FieldProblem(path, $"This is not valid JSON: {ex.Message}", "Check the quotes, commas and brackets."));
        }
    }

    private static FieldProblem NotAnObject(string path) => new(path, "This must be a JSON object.", "Write it between { and }.");

    private static readonly JsonSerializerOptions s_indented = new() { WriteIndented = true };
}
