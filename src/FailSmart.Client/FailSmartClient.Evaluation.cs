using System.Runtime.CompilerServices;
using FailSmart.Client.Diagnostics;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;

namespace FailSmart.Client;

internal sealed partial class FailSmartClient
{
    public bool GetBool(string flagKey, bool defaultValue, IAttributeSource? context = null)
    {
        // The hot path: one volatile read, Core's allocation-free evaluation (which never throws), an
        // interlocked count for insights, a type check. Errors, exposures and telemetry, which can call out, go the guarded way.
        RuleSetSnapshot? snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null)
        {
            return defaultValue;
        }

        EvaluationResult result = snapshot.Evaluator.Evaluate(flagKey, context ?? Attributes.Empty);
        snapshot.Counters?.Count(flagKey, result.VariationIndex);
        if (result.Reason != EvaluationReason.Error && !result.InExperiment && result.Value.Kind == DataValueKind.Boolean && !FailSmartTelemetry.IsObserved
            && !snapshot.Evaluator.HasHoldouts)
        {
            return result.Value.AsBoolean();
        }

        return FinishBool(flagKey, defaultValue, in result, snapshot.Evaluator, context);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private bool FinishBool(string flagKey, bool defaultValue, in EvaluationResult result, Evaluator evaluator, IAttributeSource? context)
    {
        try
        {
            FlagErrorCode error = ErrorOf(in result, DataValueKind.Boolean);
            AfterEvaluation(in result, error);
            LogHoldoutExposures(evaluator, flagKey, in result, error, context);
            return error == FlagErrorCode.None ? result.Value.AsBoolean() : defaultValue;
        }
#pragma warning disable CA1031 // an evaluation never throws into the application
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClientLog.EvaluationFault(_logger, flagKey ?? string.Empty, e);
            return defaultValue;
        }
    }

    public string GetString(string flagKey, string defaultValue, IAttributeSource? context = null) =>
        GetStringDetail(flagKey, defaultValue, context).Value;

    public double GetNumber(string flagKey, double defaultValue, IAttributeSource? context = null) =>
        GetNumberDetail(flagKey, defaultValue, context).Value;

    public DataValue GetJson(string flagKey, DataValue defaultValue, IAttributeSource? context = null) =>
        GetJsonDetail(flagKey, defaultValue, context).Value;

    public FlagEvaluation<bool> GetBoolDetail(string flagKey, bool defaultValue, IAttributeSource? context = null) =>
        Detail(flagKey, defaultValue, context, DataValueKind.Boolean, static v => v.AsBoolean());

    public FlagEvaluation<string> GetStringDetail(string flagKey, string defaultValue, IAttributeSource? context = null) =>
        Detail(flagKey, defaultValue, context, DataValueKind.String, static v => v.AsString()!);

    public FlagEvaluation<double> GetNumberDetail(string flagKey, double defaultValue, IAttributeSource? context = null) =>
        Detail(flagKey, defaultValue, context, DataValueKind.Number, static v => v.AsNumber());

    public FlagEvaluation<DataValue> GetJsonDetail(string flagKey, DataValue defaultValue, IAttributeSource? context = null) =>
        Detail(flagKey, defaultValue, context, null, static v => v);

    private FlagEvaluation<T> Detail<T>(string flagKey, T defaultValue, IAttributeSource? context, DataValueKind? kind, Func<DataValue, T> read)
    {
        ClientState state = State;
        RuleSetSnapshot? snapshot = Volatile.Read(ref _snapshot);
        if (snapshot is null)
        {
            return new FlagEvaluation<T>
            {
                FlagKey = flagKey,
                Value = defaultValue,
                Reason = EvaluationReason.Error,
                ErrorCode = FlagErrorCode.ProviderNotReady,
                ErrorMessage = StateReason ?? "The client has no rule set yet.",
                State = state,
            };
        }

        try
        {
            EvaluationResult result = snapshot.Evaluator.Evaluate(flagKey, context ?? Attributes.Empty);
            snapshot.Counters?.Count(flagKey, result.VariationIndex);
            FlagErrorCode error = ErrorOf(in result, kind);
            AfterEvaluation(in result, error);
            LogHoldoutExposures(snapshot.Evaluator, flagKey, in result, error, context);
            if (error != FlagErrorCode.None)
            {
                return new FlagEvaluation<T>
                {
                    FlagKey = flagKey,
                    Value = defaultValue,
                    Reason = EvaluationReason.Error,
                    ErrorCode = error,
                    ErrorMessage = error == FlagErrorCode.TypeMismatch ? $"Flag '{flagKey}' holds a {result.Value.Kind} value, not a {kind}." : result.ErrorMessage,
                    State = state,
                };
            }

            return new FlagEvaluation<T>
            {
                FlagKey = flagKey,
                Value = read(result.Value),
                VariationKey = result.VariationKey,
                Reason = result.Reason,
                ExperimentKey = result.ExperimentKey,
                InExperiment = result.InExperiment,
                State = state,
            };
        }
#pragma warning disable CA1031 // an evaluation never throws into the application
        catch (Exception e)
#pragma warning restore CA1031
        {
            ClientLog.EvaluationFault(_logger, flagKey ?? string.Empty, e);
            return new FlagEvaluation<T>
            {
                FlagKey = flagKey ?? string.Empty,
                Value = defaultValue,
                Reason = EvaluationReason.Error,
                ErrorCode = FlagErrorCode.General,
                ErrorMessage = "Unexpected fault: " + e.GetType().Name,
                State = state,
            };
        }
    }

    private static FlagErrorCode ErrorOf(in EvaluationResult result, DataValueKind? kind)
    {
        if (result.Reason == EvaluationReason.Error)
        {
            return result.ErrorCode == EvaluationErrorCode.FlagNotFound ? FlagErrorCode.FlagNotFound : FlagErrorCode.General;
        }

        return kind is { } expected && result.Value.Kind != expected ? FlagErrorCode.TypeMismatch : FlagErrorCode.None;
    }

    private void AfterEvaluation(in EvaluationResult result, FlagErrorCode error)
    {
        if (result.InExperiment && error == FlagErrorCode.None)
        {
            LogExposure(in result);
        }

        FailSmartTelemetry.Record(in result, error);
    }
}
