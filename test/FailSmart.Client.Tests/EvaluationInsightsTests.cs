using System.Collections.Concurrent;
using System.Text.Json;
using FailSmart.Client.Insights;
using FailSmart.Core.Evaluation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace FailSmart.Client.Tests;

/// <summary>Evaluation insights: exact counts under concurrency and drains, and reports the server counts once.</summary>
public sealed class EvaluationInsightsTests
{
    private static readonly Evaluator s_evaluator = Example.Production;

    private static readonly (string Flag, int Variations)[] s_flags =
        [.. s_evaluator.Configuration.Flags.Select(f => (f.Key, f.Variations.Count))];

    [Property(MaxTest = 40)]
    public Property Counts_of_concurrent_evaluations_across_drains_sum_to_exactly_the_evaluations_per_flag_and_variation()
    {
        Gen<(int Flag, int Variation)[]> evaluations = Gen.Choose(0, s_flags.Length - 1)
            .SelectMany(f => Gen.Choose(0, s_flags[f].Variations - 1).Select(v => (f, v)))
            .ArrayOf();
        return Prop.ForAll(evaluations.ToArbitrary(), Gen.Choose(1, 4).ToArbitrary(), (all, threads) =>
        {
            var counters = new EvaluationCounters(s_evaluator, TimeProvider.System);
            var drained = new ConcurrentBag<UsageCount>();
            int running = threads;
            Task drainer = Task.Run(() =>
            {
                // Drains while the evaluating threads count, then once more after they finish.
                while (Volatile.Read(ref running) > 0)
                {
                    var some = new List<UsageCount>();
                    counters.Drain(some);
                    some.ForEach(drained.Add);
                }
            });
            Parallel.For(0, threads, t =>
            {
                for (int i = t; i < all.Length; i += threads)
                {
                    counters.Count(s_flags[all[i].Flag].Flag, all[i].Variation);
                }

                Interlocked.Decrement(ref running);
            });
            drainer.Wait(TestContext.Current.CancellationToken);
            var last = new List<UsageCount>();
            counters.Drain(last);
            last.ForEach(drained.Add);

            var expected = all.GroupBy(e => (s_flags[e.Flag].Flag, Variation: Variation(e.Flag, e.Variation)))
                .ToDictionary(g => g.Key, g => (long)g.Count());
            var actual = drained.GroupBy(c => (c.Flag, c.Variation)).ToDictionary(g => g.Key, g => g.Sum(c => c.Count));
            return actual.Count == expected.Count && expected.All(e => actual.TryGetValue(e.Key, out long n) && n == e.Value);
        });
    }

    private static string Variation(int flag, int variation) => s_evaluator.Configuration.Flags[flag].Variations[variation].Key;

    [Fact]
    public void Count_ignores_errors_unknown_flags_and_variations_out_of_range()
    {
        var counters = new EvaluationCounters(s_evaluator, TimeProvider.System);

        counters.Count("new-checkout", -1);
        counters.Count("no-such-flag", 0);
        counters.Count("new-checkout", 2);
        counters.Count("new-checkout", 1);
        var drained = new List<UsageCount>();
        counters.Drain(drained);

        drained.Select(c => (c.Flag, c.Variation, c.Count)).ShouldBe([("new-checkout", "on", 1L)]);
    }

    [Fact]
    public void Drain_gives_the_last_evaluation_time_and_empties_the_counters()
    {
        var clock = new ManualClock(DateTimeOffset.Parse("2026-11-26T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var counters = new EvaluationCounters(s_evaluator, clock);
        counters.Count("checkout-button", 2);
        clock.Advance(TimeSpan.FromSeconds(20));
        counters.Count("checkout-button", 0);
        clock.Advance(TimeSpan.FromSeconds(30));

        var first = new List<UsageCount>();
        counters.Drain(first);
        var second = new List<UsageCount>();
        counters.Drain(second);

        first.Select(c => (c.Variation, c.Count, c.LastEvaluated)).ShouldBe(
        [
            ("control", 1L, DateTimeOffset.Parse("2026-11-26T10:00:20Z", System.Globalization.CultureInfo.InvariantCulture)),
            ("bold", 1L, DateTimeOffset.Parse("2026-11-26T10:00:20Z", System.Globalization.CultureInfo.InvariantCulture)),
        ]);
        second.ShouldBeEmpty();
    }

    [Fact]
    public async Task Client_sends_its_counts_to_the_server_which_shows_them_as_insights()
    {
        (TestServer server, string key) = await TestServer.StartWithExampleAsync();
        await using (server)
        {
            var client = (FailSmartClient)new FailSmartClientBuilder().WithServer(server.Url, key)
                .Configure(o => o.EvaluationInsightsInterval = TimeSpan.FromHours(1)).Build();
            await using (client)
            {
                (await client.WaitForInitializationAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken)).ShouldBe(ClientState.Ready);
                for (int i = 0; i < 30; i++)
                {
                    client.GetBool("new-checkout", false, Example.User(i));
                }

                client.GetStringDetail("checkout-button", "Buy", Example.User(1));
                (await client.FlushInsightsAsync(TestContext.Current.CancellationToken)).ShouldBeTrue();
            }

            using HttpClient admin = server.Admin();
            using HttpResponseMessage response = await admin.GetAsync(new Uri("/api/v1/flags/new-checkout/insights", UriKind.Relative), TestContext.Current.CancellationToken);
            JsonElement production = JsonDocument.Parse(await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement
                .GetProperty("flags").EnumerateArray().Single(f => f.GetProperty("environment").GetString() == "production");
            int expectedOn = Enumerable.Range(0, 30).Count(i => Example.Production.Evaluate("new-checkout", Example.User(i)).VariationKey == "on");
            production.GetProperty("evaluations7Days").GetInt64().ShouldBe(30);
            production.GetProperty("variations").EnumerateArray()
                .Select(v => (v.GetProperty("variation").GetString(), v.GetProperty("evaluations").GetInt64()))
                .Where(v => v.Item1 == "on").Select(v => v.Item2).DefaultIfEmpty(0).Single().ShouldBe(expectedOn);
            production.GetProperty("sources").EnumerateArray().Select(s => s.GetString()).ShouldBe(["sdk-dotnet"]);
        }
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public override long TimestampFrequency => TimeSpan.TicksPerSecond;

        public override long GetTimestamp() => _now.UtcTicks;

        public void Advance(TimeSpan by) => _now += by;
    }

    [Fact]
    public void Options_refuse_a_non_positive_insights_interval()
    {
        var options = new FailSmartClientOptions { EvaluationInsightsInterval = TimeSpan.Zero };

        options.Validate().ShouldContain("FailSmart:EvaluationInsightsInterval must be positive.");
    }
}
