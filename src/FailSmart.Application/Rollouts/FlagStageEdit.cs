using System.Globalization;
using System.Text.Json.Nodes;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Rollouts;

/// <summary>
/// Edits a stored flag document in place: a guarded rule's served stage and its plan's phase, or the plan
/// removed. Only those properties change, so the audit entry's before and after differ in exactly them.
/// </summary>
internal static class FlagStageEdit
{
    /// <summary>The document with the rule serving <paramref name="fraction"/> at <paramref name="phase"/>; null when the rule is gone.</summary>
    public static string? SetStage(string document, RolloutKey key, double fraction, int phase) =>
        Edit(document, key, rollout =>
        {
            rollout["percentage"] = Percent(fraction);
            if (rollout["plan"] is JsonObject plan)
            {
                plan["phase"] = phase;
            }
        });

    /// <summary>The document with the plan removed and the rule serving everyone it matches (the holdback ends); null when the rule is gone.</summary>
    public static string? EndPlan(string document, RolloutKey key) =>
        Edit(document, key, rollout =>
        {
            rollout.Remove("plan");
            rollout["percentage"] = 100;
        });

    /// <summary>A fraction as the percentage the document stores, without binary noise (0.05 is 5, not 5.000000000000001).</summary>
    public static double Percent(double fraction) => Math.Round(fraction * 100, 10);

    private static string? Edit(string document, RolloutKey key, Action<JsonObject> change)
    {
        if (JsonNode.Parse(document) is not JsonObject flag
            || flag["environments"]?[key.Environment]?["rules"] is not JsonArray rules)
        {
            return null;
        }

        foreach (JsonNode? rule in rules)
        {
            if (rule is JsonObject r && r["id"]?.GetValueKind() == System.Text.Json.JsonValueKind.String
                && string.Equals(r["id"]!.GetValue<string>(), key.Rule, StringComparison.Ordinal)
                && r["rollout"] is JsonObject rollout)
            {
                change(rollout);
                return flag.ToJsonString();
            }
        }

        return null;
    }

    /// <summary>"10%" for 0.1; used in reasons.</summary>
    public static string Label(double fraction) => Percent(fraction).ToString("0.##", CultureInfo.InvariantCulture) + "%";
}
