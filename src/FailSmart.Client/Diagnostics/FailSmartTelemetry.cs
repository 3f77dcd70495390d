using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Runtime.CompilerServices;
using FailSmart.Core.Evaluation;

namespace FailSmart.Client.Diagnostics;

/// <summary>
/// Traces and metrics with OpenTelemetry's feature_flag.* attribute names. Listen to the
/// "FailSmart.Client" ActivitySource and Meter. Nothing is computed unless someone listens.
/// </summary>
internal static class FailSmartTelemetry
{
    public const string Name = "FailSmart.Client";
    public const string ProviderName = "FailSmart";

    public const string FlagKeyAttribute = "feature_flag.key";
    public const string ProviderNameAttribute = "feature_flag.provider_name";
    public const string VariantAttribute = "feature_flag.variant";
    public const string ReasonAttribute = "feature_flag.result.reason";
    public const string ErrorTypeAttribute = "error.type";
    public const string EvaluationEventName = "feature_flag.evaluation";

    public static readonly ActivitySource Source = new(Name, typeof(FailSmartTelemetry).Assembly.GetName().Version?.ToString());

    private static readonly Meter s_meter = new(Name);

    public static readonly Counter<long> Evaluations = s_meter.CreateCounter<long>("feature_flag.evaluations", "{evaluation}", "Flag evaluations by the FailSmart client.");

    public static readonly Counter<long> EventsDropped = s_meter.CreateCounter<long>("failsmart.client.events.dropped", "{event}", "Exposures and events dropped because a bound was hit.");

    public static readonly Counter<long> EventsDelivered = s_meter.CreateCounter<long>("failsmart.client.events.delivered", "{event}", "Exposures and events the server stored.");

    /// <summary>
    /// Records one evaluation when the meter is listened to, or when this ActivitySource is and the
    /// current activity is recorded (sampled); otherwise returns at once. Unsampled activities, and
    /// those of hosts that create them without any tracing configured, get no events.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Record(in EvaluationResult result, FlagErrorCode error)
    {
        // The check stays in the caller; the recording, with its large frame, only runs when asked for.
        if (IsObserved)
        {
            RecordObserved(in result, error);
        }
    }

    /// <summary>Whether an evaluation now would be recorded: the counter or this source is listened to (and the activity sampled).</summary>
    public static bool IsObserved
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get => Evaluations.Enabled || (Source.HasListeners() && Activity.Current is { Recorded: true });
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void RecordObserved(in EvaluationResult result, FlagErrorCode error)
    {
        Activity? activity = Source.HasListeners() ? Activity.Current : null;
        string reason = error == FlagErrorCode.None ? ReasonName(result.Reason) : "error";
        if (Evaluations.Enabled)
        {
            var tags = new TagList
            {
                { FlagKeyAttribute, result.FlagKey },
                { ProviderNameAttribute, ProviderName },
                { VariantAttribute, result.VariationKey },
                { ReasonAttribute, reason },
            };
            if (error != FlagErrorCode.None)
            {
                tags.Add(ErrorTypeAttribute, ErrorName(error));
            }

            Evaluations.Add(1, tags);
        }

        if (activity is { Recorded: true })
        {
            var attributes = new ActivityTagsCollection
            {
                { FlagKeyAttribute, result.FlagKey },
                { ProviderNameAttribute, ProviderName },
                { VariantAttribute, result.VariationKey },
                { ReasonAttribute, reason },
            };
            if (error != FlagErrorCode.None)
            {
                attributes.Add(ErrorTypeAttribute, ErrorName(error));
            }

            activity.AddEvent(new ActivityEvent(EvaluationEventName, tags: attributes));
        }
    }

    // OpenFeature's reason and error names.
    public static string ReasonName(EvaluationReason reason) => reason switch
    {
        EvaluationReason.Disabled => "disabled",
        EvaluationReason.TargetingMatch => "targeting_match",
        EvaluationReason.RolloutSplit or EvaluationReason.Experiment => "split",
        EvaluationReason.Default or EvaluationReason.Holdout or EvaluationReason.PrerequisiteFailed => "default",
        _ => "error",
    };

    public static string ErrorName(FlagErrorCode error) => error switch
    {
        FlagErrorCode.ProviderNotReady => "provider_not_ready",
        FlagErrorCode.FlagNotFound => "flag_not_found",
        FlagErrorCode.TypeMismatch => "type_mismatch",
        _ => "general",
    };
}
