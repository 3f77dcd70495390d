using System.Text.Json.Nodes;
using FailSmart.Web.Flags;

namespace FailSmart.Web.Tests;

/// <summary>The rule editor's draft keeps a guarded rollout's plan, and its stage, exactly as read.</summary>
public sealed class RuleDraftTests
{
    private const string Guarded = """
        {"id": "ramp", "condition": {"country": "NZ"},
         "rollout": {"variation": "on", "percentage": 33.333333, "seed": "s",
           "plan": {"stages": [{"percentage": 33.333333, "requiresApproval": true}, {"percentage": 100}], "holdback": 2, "controlVariation": "off", "phase": 5,
                    "metrics": [{"key": "latency", "role": "guardrail", "margin": 0.01}]}}}
        """;

    [Fact]
    public void ToJson_after_editing_the_condition_keeps_the_plan_and_the_stage()
    {
        RuleDraft draft = RuleDraft.From(JsonNode.Parse(Guarded)!.AsObject());
        draft.Conditions[0].Value = "AU";
        draft.Percentage = 40; // the field is read-only on the page; even so, the stage is not the page's to change

        (JsonObject? rule, _) = draft.ToJson("$.rules[0]");

        JsonObject expected = JsonNode.Parse(Guarded)!.AsObject();
        expected["condition"] = JsonNode.Parse("""{"country": {"$eq": "AU"}}""");
        JsonNode.DeepEquals(rule, expected).ShouldBeTrue(rule?.ToJsonString());
    }

    [Fact]
    public void PlanSummary_shows_stage_holdback_and_phase()
    {
        RuleDraft draft = RuleDraft.From(JsonNode.Parse(Guarded)!.AsObject());

        draft.IsGuarded.ShouldBeTrue();
        draft.PlanSummary.ShouldBe("Guarded rollout at stage 33.3333% of the units not held back (33.3333% → 100%), holdback 2%, phase 5; the others get 'off'. The rollout engine moves the stage.");
    }

    [Fact]
    public void Unguarded_rollout_has_no_plan_and_its_percentage_is_edited()
    {
        RuleDraft draft = RuleDraft.From(JsonNode.Parse("""{"id": "r", "rollout": {"variation": "on", "percentage": 10}}""")!.AsObject());
        draft.Percentage = 25;

        (JsonObject? rule, _) = draft.ToJson("$.rules[0]");

        draft.IsGuarded.ShouldBeFalse();
        draft.PlanSummary.ShouldBeNull();
        rule!["rollout"]!["percentage"]!.GetValue<double>().ShouldBe(25);
    }
}
