using FailSmart.Core.Model;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Protocol.Tests.Configuration;

/// <summary>A factorial launch in the configuration document: its features, their seeds, and the cells as variations.</summary>
public sealed class FactorialDocumentTests
{
    // The flags a launch may name, boolean and not yet served through it.
    private static readonly string s_flags = "[" + string.Join(", ", new[] { "a", "b", "search", "badges", "ranking" }.Select(key =>
        $$"""{"key": "{{key}}", "type": "boolean", "variations": [{"key": "off", "value": false}, {"key": "on", "value": true}]}""")) + "]";

    private static string Doc(string experiment) =>
        $$"""{"version": 1, "flags": {{s_flags}}, "segments": [], "layers": [], "experiments": [{{experiment}}]}""";

    [Fact]
    public void Parse_makes_the_cells_the_variations_and_gives_each_feature_its_default_seed()
    {
        ConfigLoadResult result = ConfigDocument.Parse(Doc("""
            {"key": "spring", "factorial": {"features": [{"flag": "search"}, {"flag": "badges", "seed": "b-1"}]}}
            """));

        result.Problems.ShouldBeEmpty();
        Experiment launch = result.Configuration!.Experiments.Single();
        launch.Factorial!.Features.ShouldBe([new FactorialFeature("search", "spring:search"), new FactorialFeature("badges", "b-1")]);
        launch.Variations.Select(v => v.Key).ShouldBe(["00", "01", "10", "11"]);
        launch.Variations.ShouldAllBe(v => v.Weight == 0.25);
    }

    [Fact]
    public void Serialize_round_trips_a_launch_leaving_out_the_cells_and_default_seeds()
    {
        Core.Model.Configuration config = ConfigDocument.Parse(Doc("""
            {"key": "spring", "factorial": {"features": [{"flag": "search"}, {"flag": "badges", "seed": "b-1"}, {"flag": "ranking"}]}}
            """)).Configuration!;

        string written = ConfigDocument.Serialize(config);
        ConfigLoadResult again = ConfigDocument.Parse(written);

        again.Problems.ShouldBeEmpty();
        System.Text.Json.Nodes.JsonNode.Parse(written)!["experiments"]![0]!.AsObject().ContainsKey("variations").ShouldBeFalse();
        written.ShouldNotContain("spring:search");
        written.ShouldContain("\"seed\": \"b-1\"");
        again.Configuration!.Experiments[0].Factorial!.Features.ShouldBe(config.Experiments[0].Factorial!.Features);
        again.Configuration.Experiments[0].Variations.ShouldBe(config.Experiments[0].Variations);
    }

    [Fact]
    public void An_ordinary_experiment_has_no_factorial_design()
    {
        ConfigDocument.Parse(Doc("""{"key": "x", "variations": [{"key": "a", "weight": 0.5}, {"key": "b", "weight": 0.5}]}"""))
            .Configuration!.Experiments[0].Factorial.ShouldBeNull();
    }

    [Theory]
    [InlineData("""{"key": "l", "variations": [{"key": "00", "weight": 1}], "factorial": {"features": [{"flag": "a"}, {"flag": "b"}]}}""", "$.experiments[0].variations", "Leave \"variations\" out")]
    [InlineData("""{"key": "l", "factorial": {"features": [{"flag": "a"}]}}""", "$.experiments[0].factorial.features", "2 to 5 features; this one has 1")]
    [InlineData("""{"key": "l", "factorial": {"features": [{"flag": "a"}, {"flag": "b"}, {"flag": "c"}, {"flag": "d"}, {"flag": "e"}, {"flag": "f"}]}}""", "$.experiments[0].factorial.features", "this one has 6")]
    [InlineData("""{"key": "l", "factorial": {"features": [{"flag": "a"}, {"flag": "a"}]}}""", "$.experiments[0].factorial.features[1].flag", "named twice")]
    [InlineData("""{"key": "l", "factorial": {"features": [{"flag": "a", "seed": "s"}, {"flag": "b", "seed": "s"}]}}""", "$.experiments[0].factorial.features[1].seed", "on and off together")]
    [InlineData("""{"key": "l", "factorial": {"features": [{"flag": "a", "seed": ""}, {"flag": "b"}]}}""", "$.experiments[0].factorial.features[0].seed", "empty seed")]
    [InlineData("""{"key": "l", "factorial": {"features": [{"seed": "x"}, {"flag": "b"}]}}""", "$.experiments[0].factorial.features[0].flag", "names the flag")]
    [InlineData("""{"key": "l", "factorial": {"features": [{"flag": "a"}, {"flag": "b"}], "cells": 4}}""", "$.experiments[0].factorial.cells", "")]
    public void Parse_refuses_a_launch_that_cannot_be_run_and_says_where(string experiment, string path, string message)
    {
        IReadOnlyList<ValidationProblem> problems = ConfigDocument.Parse(Doc(experiment)).Problems;

        ValidationProblem problem = problems.ShouldHaveSingleItem();
        problem.Path.ShouldBe(path);
        (problem.Message + " " + problem.Hint).ShouldContain(message);
    }
}
