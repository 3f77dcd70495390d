using System.Text.Json;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;

namespace FailSmart.Core.Tests.Conformance;

public sealed class EvalConditionConformanceTests
{
    [Fact]
    public void Evaluate_every_growthbook_case_matches_expected()
    {
        JsonElement[] cases = GrowthBookCases.Section("evalCondition");
        var failures = new List<string>();
        foreach (JsonElement c in cases)
        {
            string name = c[0].GetString()!;
            var condition = Condition.From(DataValue.FromJson(c[1]));
            var attributes = Attributes.FromObject(DataValue.FromJson(c[2]).AsObject()!);
            bool expected = c[3].GetBoolean();
            SavedGroups? groups = c.GetArrayLength() > 4 ? ToGroups(c[4]) : null;

            bool actual = condition.Evaluate(attributes, groups);

            if (actual != expected)
            {
                failures.Add($"{name}: expected {expected}, got {actual}");
            }
        }

        cases.Length.ShouldBe(248);
        failures.ShouldBeEmpty();
    }

    [Fact]
    public void Explain_every_growthbook_case_agrees_with_evaluate()
    {
        var failures = new List<string>();
        foreach (JsonElement c in GrowthBookCases.Section("evalCondition"))
        {
            var condition = Condition.From(DataValue.FromJson(c[1]));
            var attributes = Attributes.FromObject(DataValue.FromJson(c[2]).AsObject()!);
            SavedGroups? groups = c.GetArrayLength() > 4 ? ToGroups(c[4]) : null;
            var checks = new List<ConditionCheck>();

            bool explained = condition.Explain(attributes, groups, checks);

            if (explained != condition.Evaluate(attributes, groups))
            {
                failures.Add(c[0].GetString()!);
            }
        }

        failures.ShouldBeEmpty();
    }

    internal static SavedGroups ToGroups(JsonElement element) =>
        new(element.EnumerateObject().Select(p =>
            new KeyValuePair<string, IEnumerable<DataValue>>(p.Name, p.Value.EnumerateArray().Select(DataValue.FromJson).ToList())));
}
