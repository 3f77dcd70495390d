using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Protocol.Tests.Configuration;

/// <summary>An experiment's own <c>metrics</c>: each by key, with the role and margin it has there.</summary>
public sealed class ExperimentMetricsDocumentTests
{
    private static string Doc(string metrics) =>
        $$"""
        {"version": 1, "flags": [], "segments": [], "layers": [], "experiments": [
          {"key": "checkout", "variations": [{"key": "a", "weight": 0.5}, {"key": "b", "weight": 0.5}], "metrics": {{metrics}}}]}
        """;

    [Fact]
    public void Parse_maps_each_metric_with_its_role_and_margin_and_serialize_round_trips_it()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""
            [{"key": "purchase", "role": "primary"}, {"key": "latency", "role": "guardrail", "margin": 0.02}, {"key": "clicks"}]
            """));

        result.Problems.ShouldBeEmpty();
        IReadOnlyList<MetricReference> metrics = result.Configuration!.Experiments[0].Metrics;
        metrics.ShouldBe([
            new MetricReference("purchase") { Role = MetricUse.Primary },
            new MetricReference("latency") { Role = MetricUse.Guardrail, Margin = 0.02 },
            new MetricReference("clicks"),
        ]);
        string written = ConfigDocument.Serialize(result.Configuration);
        written.ShouldContain("\"role\": \"guardrail\"");
        ConfigDocument.Parse(written).Configuration!.Experiments[0].Metrics.ShouldBe(metrics);
    }

    [Fact]
    public void Parse_without_metrics_leaves_the_list_empty_and_serialize_leaves_it_out()
    {
        string json = Doc("[]").Replace(", \"metrics\": []", "", StringComparison.Ordinal);
        ConfigLoadResult result = ConfigDocument.Parse(json);

        result.Configuration!.Experiments[0].Metrics.ShouldBeEmpty();
        ConfigDocument.Serialize(result.Configuration).ShouldNotContain("\"metrics\"");
    }

    [Fact]
    public void Parse_unknown_role_bad_margin_missing_key_and_a_repeated_key_are_problems_at_their_paths()
    {
        IReadOnlyList<ValidationProblem> problems = ConfigDocument.Parse(Doc("""
            [{"key": "purchase", "role": "decider"}, {"key": "latency", "margin": 1.5}, {"role": "primary"}, {"key": "purchase"}, {"key": "x", "weight": 1}]
            """)).Problems;

        problems.Select(p => p.Path).ShouldBe(
            [
                "$.experiments[0].metrics[0].role",
                "$.experiments[0].metrics[1].margin",
                "$.experiments[0].metrics[2].key",
                "$.experiments[0].metrics[4].weight",
                "$.experiments[0].metrics[3].key",
            ],
            ignoreOrder: true);
        problems.Single(p => p.Path.EndsWith("[0].role", StringComparison.Ordinal)).Hint!.ShouldContain("primary, secondary or guardrail");
        problems.Single(p => p.Path.EndsWith("[3].key", StringComparison.Ordinal)).Message.ShouldBe("Metric 'purchase' is named twice.");
    }

    [Fact]
    public void Parse_maps_the_primary_metric_minimum_effect_and_serialize_round_trips_it()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""
            [{"key": "retention", "role": "primary", "minimumEffect": -0.015}, {"key": "clicks"}]
            """));

        result.Problems.ShouldBeEmpty();
        IReadOnlyList<MetricReference> metrics = result.Configuration!.Experiments[0].Metrics;
        metrics[0].ShouldBe(new MetricReference("retention") { Role = MetricUse.Primary, MinimumEffect = -0.015 });
        metrics[1].MinimumEffect.ShouldBeNull();
        string written = ConfigDocument.Serialize(result.Configuration);
        written.ShouldContain("\"minimumEffect\": -0.015");
        ConfigDocument.Parse(written).Configuration!.Experiments[0].Metrics.ShouldBe(metrics);
    }

    [Theory]
    [InlineData("""[{"key": "a", "role": "primary", "minimumEffect": 0}]""", "Minimum effect 0 is not a relative change: it must not be 0 and at most 10 (1000%) either way.", "-0.02 for 2% down")]
    [InlineData("""[{"key": "a", "minimumEffect": 12}]""", "Minimum effect 12 is not a relative change: it must not be 0 and at most 10 (1000%) either way.", "-0.02 for 2% down")]
    [InlineData("""[{"key": "a", "role": "guardrail", "minimumEffect": 0.02}]""", "Only the primary metric carries the hypothesis' minimum effect, and 'a' is a guardrail here.", "to the primary metric")]
    public void Parse_a_zero_huge_or_misplaced_minimum_effect_is_a_problem_at_its_path(string metrics, string message, string hint)
    {
        ValidationProblem problem = ConfigDocument.Parse(Doc(metrics)).Problems.ShouldHaveSingleItem();

        problem.Path.ShouldBe("$.experiments[0].metrics[0].minimumEffect");
        problem.Message.ShouldBe(message);
        problem.Hint!.ShouldContain(hint);
    }
}
