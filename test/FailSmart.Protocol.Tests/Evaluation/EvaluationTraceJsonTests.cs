using System.Text.Json;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Evaluation;
using FailSmart.Testing;

namespace FailSmart.Protocol.Tests.Evaluation;

public sealed class EvaluationTraceJsonTests
{
    [Fact]
    public void Serialize_trace_has_result_steps_conditions_and_buckets()
    {
        string json = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "docs", "examples", "checkout.json"));
        var evaluator = new Evaluator(ConfigDocument.Parse(json).Configuration!, "production");
        EvaluationTrace trace = evaluator.Explain("no-ads", Attributes.Of(("id", "u-77"), ("country", "NZ")));

        using var document = JsonDocument.Parse(EvaluationTraceJson.Serialize(trace));
        JsonElement root = document.RootElement;

        root.GetProperty("flag").GetString().ShouldBe("no-ads");
        root.GetProperty("result").GetProperty("reason").GetString().ShouldBe(char.ToLowerInvariant(trace.Result.Reason.ToString()[0]) + trace.Result.Reason.ToString()[1..]);
        JsonElement[] steps = [.. root.GetProperty("steps").EnumerateArray()];
        steps.Length.ShouldBe(trace.Steps.Count);
        steps.ShouldContain(s => s.GetProperty("kind").GetString() == "holdout" && s.GetProperty("buckets")[1].GetInt32() == 100);
    }
}
