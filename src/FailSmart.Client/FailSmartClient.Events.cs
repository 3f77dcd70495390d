using System.Text.Json;
using FailSmart.Client.Events;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;
using FailSmart.Core.Values;
using FailSmart.Protocol.Events;

namespace FailSmart.Client;

internal sealed partial class FailSmartClient
{
    public void Track(string unitId, string eventName, double? value = null, IReadOnlyDictionary<string, string>? properties = null, string? eventId = null)
    {
        if (string.IsNullOrEmpty(unitId) || string.IsNullOrEmpty(eventName) || !_events.Enabled)
        {
            return;
        }

        if (eventId is not null && EventIds.Problem(eventId) is { } problem)
        {
            _events.CountRefused(problem);
            return;
        }

        try
        {
            Dictionary<string, JsonElement>? props = null;
            if (properties is { Count: > 0 })
            {
                props = new Dictionary<string, JsonElement>(properties.Count, StringComparer.Ordinal);
                foreach ((string name, string text) in properties)
                {
                    props[name] = JsonSerializer.SerializeToElement(text, ClientJsonContext.Default.String);
                }
            }

            _events.Enqueue(new IngestEvent(eventId ?? NewId(), IngestEvent.MetricType, unitId, _time.GetUtcNow(), Event: eventName, Value: value, Properties: props));
        }
#pragma warning disable CA1031 // tracking never throws into the application
        catch (Exception)
#pragma warning restore CA1031
        {
            // Only a bug could get here; the event is lost, and nothing else is.
        }
    }

    // Exposures are sent once per (unit, experiment, phase): the deduplicator answers without allocating.
    // A guarded rollout's exposure carries its analysis key and the unit's arm as the variation.
    private void LogExposure(in EvaluationResult result)
    {
        if (!_events.Enabled || result.HashValue is not { Length: > 0 } unit || result.ExperimentKey is not { } experiment)
        {
            return;
        }

        if (!_exposures.TryAdd(unit, experiment, result.ExperimentPhase))
        {
            _events.CountDeduplicated();
            return;
        }

        _events.Enqueue(new IngestEvent(NewId(), IngestEvent.ExposureType, unit, _time.GetUtcNow(), experiment, result.ExperimentPhase, result.ExposureVariation));
    }

    // A flag inside a holdout's scope owes one exposure per holdout, keyed "holdout:<key>" in phase 1 with the
    // unit's side ("held-out" or "exposed") as the variation, deduplicated like any other exposure.
    private void LogHoldoutExposures(Evaluator evaluator, string flagKey, in EvaluationResult result, FlagErrorCode error, IAttributeSource? context)
    {
        if (!_events.Enabled || !evaluator.HasHoldouts || error != FlagErrorCode.None)
        {
            return;
        }

        foreach (HoldoutExposure exposure in evaluator.HoldoutExposures(flagKey, in result, context ?? Attributes.Empty))
        {
            string experiment = exposure.AnalysisKey;
            if (!_exposures.TryAdd(exposure.Unit, experiment, HoldoutArmKeys.Phase))
            {
                _events.CountDeduplicated();
                continue;
            }

            _events.Enqueue(new IngestEvent(NewId(), IngestEvent.ExposureType, exposure.Unit, _time.GetUtcNow(), experiment, HoldoutArmKeys.Phase, exposure.Variation));
        }
    }

    private static string NewId() => Guid.CreateVersion7().ToString();
}
