using System.Net;
using System.Text.Json;
using FailSmart.Server.Results;
using FailSmart.Storage.Events;
using static FailSmart.Server.Tests.ResultsFixture;

namespace FailSmart.Server.Tests;

public sealed class MetricBaselineTests(FailSmartFactory factory) : IClassFixture<FailSmartFactory>, IAsyncLifetime
{
    private static readonly DateTimeOffset s_now = DateTimeOffset.UtcNow;

    private readonly HttpClient _admin = factory.ClientWithKey();

    public async ValueTask InitializeAsync()
    {
        if ((await _admin.GetPathAsync("/api/v1/metrics/bl-revenue")).StatusCode == HttpStatusCode.NotFound)
        {
            await CreateAsync(_admin, "metrics", """{"key":"bl-revenue","type":"sum","event":"bl-purchase","capping":{"type":"fixed","value":50}}""");
            await CreateAsync(_admin, "metrics", """{"key":"bl-buyers","type":"conversion","event":"bl-purchase"}""");
            await CreateAsync(_admin, "metrics", """{"key":"bl-order-value","type":"mean","event":"bl-purchase"}""");
            await CreateAsync(_admin, "metrics", """{"key":"bl-quiet","type":"conversion","event":"bl-never"}""");
            await CreateAsync(_admin, "metrics", """{"key":"bl-archived","type":"conversion","event":"bl-purchase"}""");
            (await _admin.DeleteAsync(new Uri("/api/v1/metrics/bl-archived", UriKind.Relative), ApiTestExtensions.Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);

            // u1..u4 were exposed (to two different experiments) in the last few days; u5 twenty days ago.
            // Purchases: u1 10 and 20, u2 5, u3 none, u4 100; u5 7.
            Exposure[] exposures =
            [
                Expose("u1", "bl-a", s_now.AddDays(-3)), Expose("u2", "bl-a", s_now.AddDays(-2)), Expose("u3", "bl-b", s_now.AddDays(-2)),
                Expose("u4", "bl-b", s_now.AddHours(-5)), Expose("u5", "bl-a", s_now.AddDays(-20)), Expose("u1", "bl-b", s_now.AddDays(-1)),
            ];
            MetricEvent[] events =
            [
                Buy("u1", 10, s_now.AddDays(-3).AddHours(1)), Buy("u1", 20, s_now.AddDays(-1).AddHours(1)), Buy("u2", 5, s_now.AddDays(-2).AddHours(2)),
                Buy("u4", 100, s_now.AddHours(-4)), Buy("u5", 7, s_now.AddDays(-20).AddHours(1)),
            ];
            await AppendAsync(factory, exposures, events);
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private static Exposure Expose(string unit, string experiment, DateTimeOffset at) =>
        new($"bx-{experiment}-{unit}", "production", unit, experiment, 1, 0, at, null);

    private static MetricEvent Buy(string unit, double value, DateTimeOffset at) =>
        new($"be-{unit}-{at.ToUnixTimeMilliseconds()}", "production", unit, "bl-purchase", value, at);

    private static string[] Paths(JsonElement problem) => [.. problem.GetProperty("errors").EnumerateArray().Select(e => e.GetProperty("path").GetString()!)];

    private async Task<JsonElement> GetAsync(string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync(path);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(ApiTestExtensions.Ct));
        return await response.JsonAsync();
    }

    [Fact]
    public async Task Baseline_sum_is_the_capped_per_unit_mean_and_sample_variance_with_zeros()
    {
        JsonElement baseline = await GetAsync("/api/v1/metrics/bl-revenue/baseline");

        // Per unit over the default 14 days: u1 30, u2 5, u3 0, u4 50 (100 capped at 50); u5 is older.
        // Mean 85 / 4; variance (900 + 25 + 0 + 2500 − 85² / 4) / 3.
        baseline.GetProperty("metric").GetString().ShouldBe("bl-revenue");
        baseline.GetProperty("type").GetString().ShouldBe("sum");
        baseline.GetProperty("environment").GetString().ShouldBe("production");
        baseline.GetProperty("units").GetInt64().ShouldBe(4);
        baseline.GetProperty("mean").GetDouble().ShouldBe(21.25, 1e-9);
        baseline.GetProperty("variance").GetDouble().ShouldBe(1618.75 / 3, 1e-9);
        baseline.GetProperty("unitsPerDay").GetDouble().ShouldBe(4.0 / 14, 1e-12);
        DateTimeOffset from = baseline.GetProperty("from").GetDateTimeOffset();
        DateTimeOffset to = baseline.GetProperty("to").GetDateTimeOffset();
        (to - from).ShouldBe(TimeSpan.FromDays(14));
        to.ShouldBeGreaterThanOrEqualTo(s_now);
    }

    [Fact]
    public async Task Baseline_days_widens_the_window()
    {
        JsonElement baseline = await GetAsync("/api/v1/metrics/bl-revenue/baseline?days=30&environment=production");

        // u5 (7) joins: 30, 5, 0, 50, 7.
        baseline.GetProperty("units").GetInt64().ShouldBe(5);
        baseline.GetProperty("mean").GetDouble().ShouldBe(92.0 / 5, 1e-9);
        baseline.GetProperty("variance").GetDouble().ShouldBe((3474 - (92.0 * 92 / 5)) / 4, 1e-9);
        baseline.GetProperty("unitsPerDay").GetDouble().ShouldBe(5.0 / 30, 1e-12);
    }

    [Fact]
    public async Task Baseline_conversion_is_a_rate_and_mean_is_the_ratio_with_its_linearised_variance()
    {
        JsonElement buyers = await GetAsync("/api/v1/metrics/bl-buyers/baseline");
        JsonElement orderValue = await GetAsync("/api/v1/metrics/bl-order-value/baseline");

        // Buyers: u1, u2, u4 of 4: p = 0.75, sample variance (3 − 9/4) / 3.
        buyers.GetProperty("mean").GetDouble().ShouldBe(0.75, 1e-12);
        buyers.GetProperty("variance").GetDouble().ShouldBe(0.25, 1e-12);
        // (Y, D): (30, 2), (5, 1), (0, 0), (100, 1): r = 135 / 4. Residuals Y − rD: −37.5, −28.75, 0, 66.25;
        // their sample variance over D̄² = 1 is (1406.25 + 826.5625 + 4389.0625) / 3.
        orderValue.GetProperty("type").GetString().ShouldBe("mean");
        orderValue.GetProperty("mean").GetDouble().ShouldBe(33.75, 1e-9);
        orderValue.GetProperty("variance").GetDouble().ShouldBe(6621.875 / 3, 1e-9);
    }

    [Fact]
    public async Task Baseline_without_data_has_no_units_and_no_mean()
    {
        JsonElement baseline = await GetAsync("/api/v1/metrics/bl-revenue/baseline?environment=staging");

        baseline.GetProperty("units").GetInt64().ShouldBe(0);
        baseline.GetProperty("mean").ValueKind.ShouldBe(JsonValueKind.Null);
        baseline.GetProperty("variance").ValueKind.ShouldBe(JsonValueKind.Null);
        baseline.GetProperty("unitsPerDay").GetDouble().ShouldBe(0);
    }

    [Theory]
    [InlineData("days=0", "days")]
    [InlineData("days=91", "days")]
    [InlineData("days=-1", "days")]
    [InlineData("days=abc", "days")]
    [InlineData("days=1.5", "days")]
    [InlineData("days=99999999999999999999", "days")]
    [InlineData("environment=mars", "environment")]
    public async Task Baseline_bad_query_is_400_naming_the_parameter(string query, string path)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/metrics/bl-revenue/baseline?{query}");
        Paths(await response.ShouldBeProblemAsync(HttpStatusCode.BadRequest)).ShouldContain(path);
    }

    [Theory]
    [InlineData("no-such-metric")]
    [InlineData("Bad%20Key")]
    public async Task Baseline_unknown_metric_is_404(string key)
    {
        using HttpResponseMessage response = await _admin.GetPathAsync($"/api/v1/metrics/{key}/baseline");
        (await response.ShouldBeProblemAsync(HttpStatusCode.NotFound)).GetProperty("detail").GetString()!.ShouldContain("metric");
    }

    [Fact]
    public async Task Baseline_archived_metric_is_409_saying_how_to_bring_it_back()
    {
        using HttpResponseMessage response = await _admin.GetPathAsync("/api/v1/metrics/bl-archived/baseline");
        (await response.ShouldBeProblemAsync(HttpStatusCode.Conflict)).GetProperty("detail").GetString()!.ShouldContain("/api/v1/metrics/bl-archived/unarchive");
    }

    [Fact]
    public void Moments_ratio_with_one_unit_has_a_mean_and_no_variance()
    {
        (double? mean, double? variance) = MetricBaselines.Moments(MetricKind.Ratio, new VariationStatistics(0, 1, 6, 36, new DenominatorSums(3, 9, 18)));

        mean.ShouldBe(2);
        variance.ShouldBeNull();
    }
}
