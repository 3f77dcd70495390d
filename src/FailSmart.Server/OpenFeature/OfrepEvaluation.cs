using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Model;

namespace FailSmart.Server.OpenFeature;

/// <summary>Turns Core's evaluation into OFREP's answer shapes: values, reasons, variants and metadata only, never rules.</summary>
internal static class OfrepEvaluation
{
    /// <summary>Evaluates one flag; the HTTP status and the OFREP body.</summary>
    public static (int Status, JsonObject Body) Evaluate(Evaluator evaluator, string flagKey, OfrepRead context, Events.ExposureRecorder exposures, Events.UsageCounter usage)
    {
        Flag? flag = evaluator.Configuration.Flags.FirstOrDefault(f => f.Key == flagKey);
        if (flag is null || !flag.Environments.ContainsKey(evaluator.Environment))
        {
            // One answer for both: a key must not learn which flags other environments have.
            return (StatusCodes.Status404NotFound, Failure(flagKey, "FLAG_NOT_FOUND",
                $"There is no flag '{flagKey}' in the '{evaluator.Environment}' environment. Check the key's spelling and that the flag is configured for this key's environment."));
        }

        if (context.TargetingKey is null && NeedsTargetingKey(flag, evaluator.Environment))
        {
            return (StatusCodes.Status400BadRequest, Failure(flagKey, "TARGETING_KEY_MISSING",
                $"The flag '{flagKey}' splits units by rollout or experiment, so the context needs a \"targetingKey\"."));
        }

        EvaluationResult result = evaluator.Evaluate(flagKey, context.Attributes!);
        if (result.IsError)
        {
            return (StatusCodes.Status400BadRequest, Failure(flagKey, "GENERAL", result.ErrorMessage ?? "The flag could not be evaluated."));
        }

        if (result.InExperiment && result.ExperimentKey is not null && result.HashValue is { Length: > 0 } unit)
        {
            // Numbered as the experiment numbers its variations, or by arm for a guarded rollout.
            exposures.Record(evaluator.Environment, unit, result.ExperimentKey, result.ExperimentPhase, result.ExposureVariationIndex);
        }

        if (evaluator.HasHoldouts)
        {
            // A flag inside a holdout's scope: the unit's side of each holdout, numbered by HoldoutArm.
            foreach (HoldoutExposure held in evaluator.HoldoutExposures(flagKey, in result, context.Attributes!))
            {
                exposures.Record(evaluator.Environment, held.Unit, held.AnalysisKey, HoldoutArmKeys.Phase, (int)held.Arm);
            }
        }

        usage.Count(evaluator.Environment, flagKey, result.VariationKey!, Events.UsageSources.Ofrep);
        return (StatusCodes.Status200OK, Success(result));
    }

    public static JsonObject Failure(string key, string code, string details) =>
        new() { ["key"] = key, ["errorCode"] = code, ["errorDetails"] = details };

    private static JsonObject Success(EvaluationResult result)
    {
        var metadata = new JsonObject();
        if (result.RuleId is not null)
        {
            metadata["ruleId"] = result.RuleId;
        }

        if (result.ExperimentKey is not null)
        {
            metadata["experimentKey"] = result.ExperimentKey;
            metadata["experimentPhase"] = result.ExperimentPhase;
            metadata["inExperiment"] = result.InExperiment;
            if (result.InExperiment)
            {
                // What the exposure records: the variation, a guarded rollout's arm, or a factorial launch's cell.
                metadata["experimentVariation"] = result.ExposureVariation;
            }
        }

        if (result.HoldoutKey is not null)
        {
            metadata["holdoutKey"] = result.HoldoutKey;
        }

        var body = new JsonObject
        {
            ["key"] = result.FlagKey,
            ["value"] = JsonNode.Parse(result.Value.ToJson()),
            ["reason"] = Reason(result.Reason),
            ["metadata"] = metadata,
        };
        if (result.VariationKey is not null)
        {
            body["variant"] = result.VariationKey;
        }

        return body;
    }

    /// <summary>OpenFeature's reason vocabulary; FailSmart's two extra outcomes get their own names.</summary>
    public static string Reason(EvaluationReason reason) => reason switch
    {
        EvaluationReason.Disabled => "DISABLED",
        EvaluationReason.TargetingMatch => "TARGETING_MATCH",
        EvaluationReason.RolloutSplit => "SPLIT",
        EvaluationReason.Experiment => "SPLIT",
        EvaluationReason.Default => "DEFAULT",
        EvaluationReason.PrerequisiteFailed => "PREREQUISITE_FAILED",
        EvaluationReason.Holdout => "HOLDOUT",
        EvaluationReason.Error => "ERROR",
        _ => "UNKNOWN",
    };

    private static bool NeedsTargetingKey(Flag flag, string environment) =>
        flag.Environments[environment] is { Enabled: true } state &&
        state.Rules.Any(r => r.Action is ExperimentAction or RolloutAction { HashAttribute: "id" });

    /// <summary>The OFREP answer as JSON bytes.</summary>
    public static byte[] Serialize(JsonNode body) => JsonSerializer.SerializeToUtf8Bytes(body);
}
