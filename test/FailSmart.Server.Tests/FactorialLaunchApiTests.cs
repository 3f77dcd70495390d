using System.Net;
using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Server.Tests;

/// <summary>
/// A factorial launch written through the experiments API with its flags, evaluated through OFREP: every
/// flag serves its own feature's bit of the unit's cell, the cells share the units evenly, and each unit's
/// exposure records the cell once, whichever flags it evaluated.
/// </summary>
public sealed class FactorialLaunchApiTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>
{
    private readonly HttpClient _admin = factory.ClientWithKey();

    private static string Launch(string key, string features, int phase = 1) =>
        $$$"""{"key":"{{{key}}}","status":"running","phase":{{{phase}}},"factorial":{"features":[{{{features}}}]}}""";

    private static string Feature(string flag, string? seed = null) =>
        seed is null ? $$"""{"flag":"{{flag}}"}""" : $$"""{"flag":"{{flag}}","seed":"{{seed}}"}""";

    // Each test's launch reaches only the units that name it, so launches of other tests never share units with it.
    private static string LaunchFlag(string key, string launch) =>
        """{"key":""" + JsonSerializer.Serialize(key) + ""","type":"boolean","variations":[{"key":"off","value":false},{"key":"on","value":true}],"""
        + """ "environments":{"production":{"enabled":true,"offVariation":"off","defaultVariation":"off","rules":[{"id":"launch","condition":{"launch":"""
        + JsonSerializer.Serialize(launch) + """},"experiment":{"key":""" + JsonSerializer.Serialize(launch) + "}}]}}}";

    private async Task<(string Launch, string[] Flags)> CreateLaunchAsync()
    {
        string run = Guid.NewGuid().ToString("N")[..8];
        string launch = "spring-" + run;
        string[] flags = [$"search-{run}", $"badges-{run}", $"ranking-{run}"];
        // The launch first, then its flags, as configuration as code applies them: each write stands alone.
        await ResultsFixture.CreateAsync(_admin, "experiments", Launch(launch, string.Join(',', Feature(flags[0]), Feature(flags[1], "b-" + run), Feature(flags[2]))));
        foreach (string flag in flags)
        {
            await ResultsFixture.CreateAsync(_admin, "flags", LaunchFlag(flag, launch));
        }

        return (launch, flags);
    }

    [Fact]
    public async Task Ofrep_serves_each_flag_its_bit_of_the_cell_and_records_one_exposure_per_unit_with_the_cell()
    {
        (string launch, string[] flags) = await CreateLaunchAsync();
        string[] seeds = [FactorialDesign.DefaultSeed(launch, flags[0]), "b-" + launch[7..], FactorialDesign.DefaultSeed(launch, flags[2])];
        using HttpClient client = factory.ClientWithKey(await _admin.CreateKeyAsync("client", "production"));
        string[] units = [.. Enumerable.Range(0, 240).Select(i => $"{launch}-unit-{i}")];
        var cells = new long[8];
        foreach (string unit in units)
        {
            string expected = string.Concat(seeds.Select(s => BucketHash.BucketV2(s, unit) < 5000 ? '1' : '0'));
            cells[Convert.ToInt32(expected, 2)]++;
            for (int f = 0; f < flags.Length; f++)
            {
                using HttpResponseMessage response = await client.SendJsonAsync(HttpMethod.Post, $"/ofrep/v1/evaluate/flags/{flags[f]}", $$$"""{"context":{"targetingKey":"{{{unit}}}","launch":"{{{launch}}}"}}""");
                JsonElement answer = await response.JsonAsync();
                answer.GetProperty("value").GetBoolean().ShouldBe(expected[f] == '1', $"{flags[f]} for {unit} in cell {expected}");
                JsonElement metadata = answer.GetProperty("metadata");
                metadata.GetProperty("experimentKey").GetString().ShouldBe(launch);
                metadata.GetProperty("experimentVariation").GetString().ShouldBe(expected);
            }
        }

        // Eight cells of 240 units: chi-square beyond p = 1e-6 with 7 degrees of freedom (scipy.stats.chi2.isf(1e-6, 7) = 40.52).
        double chiSquare = cells.Sum(c => (c - 30.0) * (c - 30.0) / 30.0);
        chiSquare.ShouldBeLessThan(40.52, string.Join(" ", cells));

        IEventStore store = factory.Services.GetRequiredService<IEventStore>();
        var scope = new ExperimentScope("production", launch, 1, DateTimeOffset.UtcNow.AddMinutes(5));
        ExposureSummary summary = await store.SummarizeExposuresAsync(scope, ApiTestExtensions.Ct);
        for (int attempt = 0; attempt < 100 && summary.Variations.Sum(v => v.Units) < units.Length; attempt++)
        {
            await Task.Delay(50, ApiTestExtensions.Ct);
            summary = await store.SummarizeExposuresAsync(scope, ApiTestExtensions.Ct);
        }

        summary.Variations.ShouldBe([.. Enumerable.Range(0, 8).Where(c => cells[c] > 0).Select(c => new VariationUnits(c, cells[c]))], ignoreOrder: true);
        summary.MultipleVariationUnits.ShouldBe(0);
    }

    [Fact]
    public async Task Changing_the_features_of_a_running_launch_needs_a_new_phase_and_the_refusal_changes_nothing()
    {
        (string launch, string[] flags) = await CreateLaunchAsync();
        string reseeded = Launch(launch, string.Join(',', Feature(flags[0], "new-seed"), Feature(flags[1], "b-" + launch[7..]), Feature(flags[2])));

        using HttpResponseMessage samePhase = await _admin.SendJsonAsync(HttpMethod.Put, $"/api/v1/experiments/{launch}", reseeded, "\"1\"");
        JsonElement error = (await samePhase.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0];
        JsonElement stored = (await (await _admin.GetPathAsync($"/api/v1/experiments/{launch}")).JsonAsync()).GetProperty("document");
        using HttpResponseMessage nextPhase = await _admin.SendJsonAsync(
            HttpMethod.Put, $"/api/v1/experiments/{launch}", Launch(launch, string.Join(',', Feature(flags[0], "new-seed"), Feature(flags[1], "b-" + launch[7..]), Feature(flags[2])), phase: 2), "\"1\"");

        error.GetProperty("path").GetString().ShouldBe("$.phase");
        error.GetProperty("message").GetString().ShouldBe($"Changing the factorial features of running experiment '{launch}' in phase 1 would analyse units assigned under two splits as one sample.");
        stored.GetProperty("factorial").GetProperty("features")[0].TryGetProperty("seed", out _).ShouldBeFalse();
        nextPhase.StatusCode.ShouldBe(HttpStatusCode.OK, await nextPhase.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
    }

    [Fact]
    public async Task A_flag_that_is_not_one_of_the_features_cannot_assign_through_the_launch()
    {
        (string launch, _) = await CreateLaunchAsync();

        using HttpResponseMessage response = await _admin.SendJsonAsync(HttpMethod.Post, "/api/v1/flags", LaunchFlag("stray-" + launch, launch));

        JsonElement error = (await response.ShouldBeProblemAsync(HttpStatusCode.UnprocessableEntity)).GetProperty("errors")[0];
        error.GetProperty("path").GetString().ShouldBe("$.environments.production.rules[0].experiment.key");
        error.GetProperty("message").GetString().ShouldBe($"Flag 'stray-{launch}' is not a feature of the factorial launch '{launch}'.");
        (await _admin.GetPathAsync($"/api/v1/flags/stray-{launch}")).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }
}
