using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FailSmart.Application.Demo;
using FailSmart.Application.Populations;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Events;
using FailSmart.Server.Events;
using FailSmart.Server.Imports;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Demo;

/// <summary>
/// Writes the demo: the team's changes through <see cref="IResourceService"/> (validated, collision-gated and
/// audited like any client's), then 30 simulated days, each day's exposures and events through the historical
/// import's checks and store path, with the clock set to that day so the rollout engine looks at the end of it
/// and its moves carry the day's date. Every draw comes from the seed, so a seed always writes the same history.
/// </summary>
internal sealed class DemoGenerator(
    IResourceService resources,
    IPopulationService populations,
    RuleSetCache rules,
    IEventStore store,
    IOptions<IngestOptions> ingest,
    DemoClock clock,
    DemoRolloutEngine engine,
    ILogger<DemoGenerator> logger)
{
    private const string Environment = "production";

    public async Task<DemoSummary> GenerateAsync(int seed, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        DateTimeOffset end = Minute(clock.RealNow);
        DateTimeOffset start = end - TimeSpan.FromDays(DemoWorld.Days);
        IReadOnlyList<DemoUnit> units = DemoWorld.Population(seed);
        DemoLog.Generating(logger, seed, units.Count, DemoWorld.Days);
        using var run = new Run(seed, start, units);
        IReadOnlyList<DemoWrite> writes = DemoConfiguration.Writes();
        int written = 0, transitions = 0;

        await engine.BeginGeneratingAsync(cancellationToken);
        try
        {
            for (int day = 0; day < DemoWorld.Days; day++)
            {
                // The team's changes due by the end of this day, each at its own moment.
                bool changed = false;
                while (written < writes.Count && writes[written].At < TimeSpan.FromDays(day + 1))
                {
                    await WriteAsync(writes[written++], start, cancellationToken);
                    changed = true;
                }

                if (changed)
                {
                    // The engine looks every minute in a running server, so a new guarded rollout starts at once,
                    // before anyone is exposed to it at 0%.
                    transitions += (await engine.Inner.LookAsync(cancellationToken)).Transitions;
                }

                clock.Set(start + TimeSpan.FromDays(day));
                RuleSet ruleSet = await rules.GetAsync(Environment, cancellationToken);
                run.Simulate(day, ruleSet.Evaluator);

                clock.Set(start + TimeSpan.FromDays(day + 1));
                ruleSet = await rules.GetAsync(Environment, cancellationToken);
                await ImportAsync(run.Exposures, IngestEvent.ExposureType, ruleSet, cancellationToken);
                await ImportAsync(run.Events, IngestEvent.MetricType, ruleSet, cancellationToken);
                run.EndDay();
                transitions += (await engine.Inner.LookAsync(cancellationToken)).Transitions;
            }

            await WriteMarketsAsync(units, cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            DemoLog.Failed(logger, ex);
            throw;
        }
        finally
        {
            clock.Reset();
            engine.EndGenerating();
        }

        watch.Stop();
        DemoLog.Generated(logger, watch.Elapsed.TotalSeconds, run.ExposureCount, run.EventCount, transitions);
        return new DemoSummary(seed, units.Count, run.ExposureCount, run.EventCount, run.ValueSum, run.Checksum(), start, end, watch.Elapsed, DemoWorld.PlantedEffects());
    }

    private static DateTimeOffset Minute(DateTimeOffset at) => new(at.Ticks - (at.Ticks % TimeSpan.TicksPerMinute), TimeSpan.Zero);

    private async Task WriteAsync(DemoWrite write, DateTimeOffset start, CancellationToken cancellationToken)
    {
        clock.Set(start + write.At);
        using JsonDocument document = JsonDocument.Parse(write.Document);
        var caller = write.Who with { Reason = write.Reason, AcknowledgesCollisions = write.AcknowledgesCollisions };
        var result = await resources.CreateAsync(caller, write.Kind, document.RootElement, cancellationToken);
        if (!result.Succeeded)
        {
            string problems = string.Join(" ", result.Problem?.Errors.Select(e => $"{e.Path}: {e.Message}") ?? []);
            throw new InvalidOperationException($"The demo could not write {write.Kind} {document.RootElement.GetProperty("key").GetString()}: {result.Problem?.Detail} {problems}");
        }
    }

    /// <summary>
    /// The markets the product sells to, as the data team would upload them: units per country and platform. Against
    /// it, the New Zealand pilot's cohort is one market of five, so its results say which markets it cannot speak for.
    /// </summary>
    private async Task WriteMarketsAsync(IReadOnlyList<DemoUnit> units, CancellationToken cancellationToken)
    {
        PopulationStratum[] strata = [.. units
            .GroupBy(u => (u.Country, u.Platform))
            .OrderBy(g => g.Key.Country, StringComparer.Ordinal).ThenBy(g => g.Key.Platform, StringComparer.Ordinal)
            .Select(g => new PopulationStratum([g.Key.Country, g.Key.Platform], g.Count()))];
        var input = new PopulationInput("Everyone we sell to: units per market and platform, from the account database.", ["country", "platform"], strata);
        var result = await populations.PutAsync(DemoPersona.Dana with { Reason = "The launch markets, to compare pilots with." }, DemoWorld.MarketsPopulation, input, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException($"The demo could not write the population {DemoWorld.MarketsPopulation}: {result.Problem?.Detail}");
        }
    }

    private async Task ImportAsync(MemoryStream rows, string type, RuleSet ruleSet, CancellationToken cancellationToken)
    {
        if (rows.Length == 0)
        {
            return;
        }

        Func<EventBatchReader> readers = EventImport.Readers(ingest.Value, ruleSet, Environment, type, clock.GetUtcNow(), idOf: null);
        (int count, int refusedRows, List<FieldProblem> refused, _) = await EventImport.CheckAsync(rows, csv: false, readers, cancellationToken);
        if (refusedRows > 0)
        {
            throw new InvalidOperationException($"The demo's import refused {refusedRows} of {count} rows; the first, {refused[0].Path}: {refused[0].Message}");
        }

        ImportProgress done = await EventImport.StoreAsync(rows, csv: false, count, readers, store, _ => Task.CompletedTask, cancellationToken);
        if (done.Stage != "done")
        {
            throw new InvalidOperationException(done.Error);
        }
    }

    /// <summary>The simulation's state from day to day: who is in what, and the rows of the day being written.</summary>
    private sealed class Run(int seed, DateTimeOffset start, IReadOnlyList<DemoUnit> units) : IDisposable
    {
        private readonly DemoTreatment?[] _profiles = new DemoTreatment?[units.Count];
        private readonly Attributes[] _attributes = [.. units.Select(u => Attributes.Of(
            ("id", DataValue.FromString(u.Id)), ("country", DataValue.FromString(u.Country)), ("platform", DataValue.FromString(u.Platform))))];

        private readonly List<(int Unit, string Name, double Value, TimeSpan At)>[] _scheduled =
            [.. Enumerable.Range(0, DemoWorld.Days).Select(_ => new List<(int, string, double, TimeSpan)>())];

        private readonly HashSet<(int, string, int)> _exposed = [];
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        private Utf8JsonWriter? _exposureWriter;
        private Utf8JsonWriter? _eventWriter;

        public MemoryStream Exposures { get; private set; } = new();

        public MemoryStream Events { get; private set; } = new();

        public long ExposureCount { get; private set; }

        public long EventCount { get; private set; }

        public double ValueSum { get; private set; }

        public string Checksum() => Convert.ToHexStringLower(_hash.GetCurrentHash());

        public void Simulate(int day, Evaluator evaluator)
        {
            Exposures = new MemoryStream();
            Events = new MemoryStream();
            _exposureWriter = new Utf8JsonWriter(Exposures);
            _eventWriter = new Utf8JsonWriter(Events);
            string[] flags = [.. evaluator.FlagKeys.Order(StringComparer.Ordinal)];

            foreach (DemoUnit unit in units)
            {
                if (unit.ArrivalDay > day)
                {
                    continue;
                }

                bool arriving = unit.ArrivalDay == day;
                if (!arriving && !DemoRandom.For(seed, unit.Index, day, 1).Chance(unit.ReturnRate * _profiles[unit.Index]!.Return))
                {
                    continue;
                }

                Visit(unit, day, arriving, evaluator, flags);
            }

            foreach ((int unit, string name, double value, TimeSpan at) in _scheduled[day])
            {
                Event(units[unit], name, name == DemoWorld.Purchase ? value : null, at, $"{name}-{unit}-{at.Ticks}");
            }

            _exposureWriter.Flush();
            _eventWriter.Flush();
        }

        public void EndDay()
        {
            _exposureWriter?.Dispose();
            _eventWriter?.Dispose();
            _exposureWriter = _eventWriter = null;
        }

        public void Dispose()
        {
            EndDay();
            _hash.Dispose();
        }

        private void Visit(DemoUnit unit, int day, bool arriving, Evaluator evaluator, string[] flags)
        {
            var random = DemoRandom.For(seed, unit.Index, day, 2);
            TimeSpan at = TimeSpan.FromDays(day) + unit.TimeOfDay;
            DemoTreatment treatment = DemoTreatment.None;
            double rolloutPageLoad = 1;
            foreach (string flag in flags)
            {
                EvaluationResult result = evaluator.Evaluate(flag, _attributes[unit.Index]);
                if (result.ExperimentKey is not { } key || result.ExposureVariation is not { } variation)
                {
                    continue;
                }

                if (_exposed.Add((unit.Index, key, result.ExperimentPhase)))
                {
                    Exposure(unit, key, variation, result.ExperimentPhase, at);
                }

                if (key == DemoLaunch.Key)
                {
                    // The launch's flags serve each feature on or off as the person's cell says.
                    treatment = treatment.Times(DemoLaunch.EffectOf(flag, result.Value.AsBoolean()));
                }
                else if (key == DemoPilot.Key)
                {
                    treatment = treatment.Times(DemoPilot.Effect(variation, unit.Platform));
                }
                else if (DemoWorld.Experiments.TryGetValue(key, out var variations))
                {
                    treatment = treatment.Times(variations.First(v => v.Variation == variation).Effect);
                }
                else if (variation == RolloutArmKeys.In && DemoWorld.Rollouts.TryGetValue(flag, out DemoTreatment? feature))
                {
                    rolloutPageLoad *= feature.PageLoad;
                }
            }

            if (arriving)
            {
                _profiles[unit.Index] = treatment;
                Schedule(unit, day, treatment);
            }

            DemoTreatment profile = _profiles[unit.Index]!;
            double pageLoad = unit.PageLoadMs * profile.PageLoad * rolloutPageLoad * random.LogNormal(1, 0.25);
            Event(unit, DemoWorld.PageView, Math.Round(pageLoad, 1), at + TimeSpan.FromMinutes(random.Below(300)), $"view-{unit.Index}-{day}");
        }

        // Purchases and ad clicks over the unit's first 14 days, decided when it arrives; those after the simulated month never happen.
        private void Schedule(DemoUnit unit, int day, DemoTreatment treatment)
        {
            var random = DemoRandom.For(seed, unit.Index, day, 3);
            if (random.Chance(DemoWorld.PurchaseRate * treatment.Purchase))
            {
                int purchases = random.Chance(DemoWorld.SecondPurchaseRate) ? 2 : 1;
                for (int p = 0; p < purchases; p++)
                {
                    int on = day + random.Below(DemoWorld.WindowDays);
                    double value = Math.Round(random.LogNormal(DemoWorld.MedianOrderValue, 0.6) * treatment.OrderValue, 2);
                    TimeSpan at = TimeSpan.FromDays(on) + unit.TimeOfDay + TimeSpan.FromMinutes(random.Below(300));
                    if (on < DemoWorld.Days)
                    {
                        _scheduled[on].Add((unit.Index, DemoWorld.Purchase, value, at));
                    }
                }
            }

            int clicks = random.Poisson(DemoWorld.AdClicksPerWindow * treatment.AdClicks);
            for (int c = 0; c < clicks; c++)
            {
                int on = day + random.Below(DemoWorld.WindowDays);
                TimeSpan at = TimeSpan.FromDays(on) + unit.TimeOfDay + TimeSpan.FromMinutes(random.Below(300));
                if (on < DemoWorld.Days)
                {
                    _scheduled[on].Add((unit.Index, DemoWorld.AdClick, 0, at));
                }
            }
        }

        private void Exposure(DemoUnit unit, string key, string variation, int phase, TimeSpan at)
        {
            Utf8JsonWriter w = _exposureWriter!;
            w.WriteStartObject();
            w.WriteString("id", $"demo-{seed}-x-{unit.Index}-{key}-{phase}");
            w.WriteString("unitId", unit.Id);
            w.WriteString("timestamp", (start + at).ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("experiment", key);
            w.WriteString("variation", variation);
            w.WriteNumber("phase", phase);
            w.WriteStartObject("properties");
            w.WriteString("country", unit.Country);
            w.WriteString("platform", unit.Platform);
            w.WriteEndObject();
            w.WriteEndObject();
            NewLine(w, Exposures);
            ExposureCount++;
            Hash($"x|{unit.Id}|{key}|{variation}|{phase}|{at.Ticks}");
        }

        private void Event(DemoUnit unit, string name, double? value, TimeSpan at, string id)
        {
            Utf8JsonWriter w = _eventWriter!;
            w.WriteStartObject();
            w.WriteString("id", $"demo-{seed}-{id}");
            w.WriteString("unitId", unit.Id);
            w.WriteString("timestamp", (start + at).ToString("O", CultureInfo.InvariantCulture));
            w.WriteString("event", name);
            if (value is { } v)
            {
                w.WriteNumber("value", v);
                ValueSum += v;
            }

            w.WriteEndObject();
            NewLine(w, Events);
            EventCount++;
            Hash($"e|{unit.Id}|{name}|{value?.ToString("R", CultureInfo.InvariantCulture)}|{at.Ticks}");
        }

        private static void NewLine(Utf8JsonWriter writer, MemoryStream stream)
        {
            writer.Flush();
            stream.WriteByte((byte)'\n');
            writer.Reset(stream);
        }

        private void Hash(string row) => _hash.AppendData(Encoding.UTF8.GetBytes(row + "\n"));
    }
}
