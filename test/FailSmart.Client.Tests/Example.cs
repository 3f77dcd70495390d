using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;

namespace FailSmart.Client.Tests;

/// <summary>docs/examples/checkout.json as a model, a Core evaluator over it, and units to evaluate.</summary>
internal static class Example
{
    public static string Json { get; } = File.ReadAllText(TestServer.ExamplePath);

    public static Configuration Configuration { get; } = ConfigDocument.Parse(Json).Configuration!;

    public static Evaluator Production { get; } = new(Configuration, "production");

    public static Attributes User(int i) => Attributes.Of(
        ("id", "u-" + i),
        ("appVersion", "4.3.0"),
        ("country", i % 7 == 0 ? "NZ" : "GB"),
        ("email", i % 11 == 0 ? $"u{i}@failsmart.dev" : $"u{i}@example.com"));

    public static IFailSmartClient Local() => new FailSmartClientBuilder().WithLocalRuleSet(Configuration, "production").Build();
}
