using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Protocol.Importing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.FeatureManagement;
using Microsoft.FeatureManagement.FeatureFilters;

namespace FailSmart.Protocol.Tests.Importing;

/// <summary>
/// A realistic appsettings.json imported into FailSmart, then a generated population (ids and groups)
/// evaluated by Microsoft.FeatureManagement 4.7.0 itself over the original file and by FailSmart over the
/// written document: every user must get the same enabled state and the same variant.
/// </summary>
public sealed class FeatureManagementImportDifferentialTests
{
    private const string Environment = "production";
    private const int Seed = 20261207;

    private static readonly string[] s_groups = ["beta-testers", "employees", "contractors", "internal", "premium", "students"];

    // Microsoft.Percentage picks at random on every call, so it has no per-user answer to compare.
    private static readonly string[] s_compared = ["Beta", "Legacy", "Disabled", "NewCheckout", "Launch2020", "Holiday", "SearchV2", "Recommendations", "Greeting", "Pricing", "Banner", "Archived"];

    [Fact]
    public async Task Import_serves_every_user_what_microsoft_feature_management_serves()
    {
        string path = Path.Combine(AppContext.BaseDirectory, "Importing", "appsettings.feature-management.json");
        (Evaluator evaluator, ImportResult imported) = ImportThroughTheDocument(path);
        await using ServiceProvider services = new ServiceCollection()
            .AddSingleton<IConfiguration>(new ConfigurationBuilder().AddJsonFile(path).Build())
            .AddFeatureManagement().Services.BuildServiceProvider();
        var manager = services.GetRequiredService<IVariantFeatureManager>();
        var random = new Random(Seed);
        var differences = new List<string>();
        int compared = 0;

        foreach (TargetingContext user in Population(random, 5_000))
        {
            IAttributeSource attributes = AttributesOf(user);
            foreach (string feature in s_compared)
            {
                bool expectedEnabled = await manager.IsEnabledAsync(feature, (ITargetingContext)user, TestContext.Current.CancellationToken);
                string? expectedVariant = (await manager.GetVariantAsync(feature, user, TestContext.Current.CancellationToken))?.Name;
                (bool enabled, string? variant) = Answer(evaluator.Evaluate(feature, attributes));
                compared++;
                if (enabled != expectedEnabled || variant != expectedVariant)
                {
                    differences.Add($"{feature}: for '{user.UserId}' [{string.Join(", ", user.Groups)}]: FailSmart {enabled}/{variant ?? "(none)"}, Microsoft.FeatureManagement {expectedEnabled}/{expectedVariant ?? "(none)"}");
                }
            }
        }

        TestContext.Current.TestOutputHelper?.WriteLine($"{compared} answers compared with Microsoft.FeatureManagement 4.7.0, {differences.Count} differ.");
        string perFeature = string.Join(", ", differences.GroupBy(d => d[..d.IndexOf(':', StringComparison.Ordinal)]).Select(g => $"{g.Key} {g.Count()}"));
        differences.ShouldBeEmpty($"Differences per feature: {perFeature}. First: {string.Join(" | ", differences.Take(5))}");
        compared.ShouldBe(5_000 * s_compared.Length);
        imported.Features.Single(f => f.Name == "NewCheckout").Status.ShouldBe(ImportStatus.Exact);
        imported.Features.Single(f => f.Name == "Pricing").Flags.ShouldBe(["Pricing", "Pricing" + FeatureManagementImporter.EnabledFlagSuffix]);
    }

    [Fact]
    public void Import_rolls_a_random_percentage_out_to_that_share_by_id()
    {
        (Evaluator evaluator, ImportResult imported) = ImportThroughTheDocument(Path.Combine(AppContext.BaseDirectory, "Importing", "appsettings.feature-management.json"));
        TargetingContext[] users = [.. Population(new Random(Seed), 20_000)];

        int on = users.Count(u => evaluator.Evaluate("DarkMode", AttributesOf(u)).Value.AsBoolean());

        (on / (double)users.Length).ShouldBe(0.30, 0.015);
        ImportedFeature darkMode = imported.Features.Single(f => f.Name == "DarkMode");
        darkMode.Status.ShouldBe(ImportStatus.Changed);
        darkMode.Notes.ShouldHaveSingleItem().ShouldContain("at random on every call");
    }

    internal static (Evaluator Evaluator, ImportResult Result) ImportThroughTheDocument(string path)
    {
        using JsonDocument settings = JsonDocument.Parse(File.ReadAllText(path), new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
        ImportResult result = FeatureManagementImporter.Import(settings.RootElement, Environment, DateTimeOffset.UtcNow);
        result.Problems.ShouldBeEmpty();

        // What the server would load: the written document, read back.
        ConfigLoadResult loaded = ConfigDocument.Parse(ConfigDocument.Serialize(result.Configuration));
        loaded.Problems.ShouldBeEmpty();
        return (new Evaluator(loaded.Configuration!, Environment), result);
    }

    /// <summary>
    /// The answers as the FailSmart bridge gives them: a boolean flag is enabled when true; a flag with
    /// variants is enabled unless it is off or its filters (the prerequisite) leave the user out, and
    /// the synthesized "none" variation is no variant.
    /// </summary>
    internal static (bool Enabled, string? Variant) Answer(EvaluationResult result)
    {
        result.IsError.ShouldBeFalse(result.ErrorMessage);
        if (result.Value.Kind == DataValueKind.Boolean && result.VariationKey is "on" or "off")
        {
            return (result.Value.AsBoolean(), null);
        }

        bool enabled = result.Reason is not (EvaluationReason.Disabled or EvaluationReason.PrerequisiteFailed);
        return (enabled, result.VariationKey == "none" ? null : result.VariationKey);
    }

    internal static IEnumerable<TargetingContext> Population(Random random, int count)
    {
        string[] named = ["alice", "bob", "carol", "mallory"];
        for (int i = 0; i < count; i++)
        {
            string id = i < named.Length * 4 ? named[i % named.Length] : "user-" + random.Next().ToString("x8", CultureInfo.InvariantCulture);
            yield return new TargetingContext { UserId = id, Groups = [.. s_groups.Where(_ => random.NextDouble() < 0.25)] };
        }
    }

    internal static IAttributeSource AttributesOf(TargetingContext user) =>
        Attributes.Parse(new JsonObject
        {
            ["id"] = user.UserId,
            ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode)JsonValue.Create(g))]),
        }.ToJsonString());
}
