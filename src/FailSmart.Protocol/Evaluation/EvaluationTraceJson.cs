using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Targeting;

namespace FailSmart.Protocol.Evaluation;

/// <summary>Writes an evaluation trace as JSON (for <c>failsmart explain --json</c> and the admin API).</summary>
public static class EvaluationTraceJson
{
    public static string Serialize(EvaluationTrace trace, bool indented = true)
    {
        ArgumentNullException.ThrowIfNull(trace);
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = indented, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            Write(writer, trace);
        }

        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(Utf8JsonWriter writer, EvaluationTrace trace)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(trace);
        writer.WriteStartObject();
        writer.WriteString("flag", trace.FlagKey);
        writer.WriteString("environment", trace.Environment);
        writer.WritePropertyName("result");
        WriteResult(writer, trace.Result);
        writer.WriteStartArray("steps");
        foreach (TraceStep step in trace.Steps)
        {
            WriteStep(writer, step);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    public static void WriteResult(Utf8JsonWriter writer, EvaluationResult result)
    {
        ArgumentNullException.ThrowIfNull(writer);
        writer.WriteStartObject();
        writer.WritePropertyName("value");
        result.Value.WriteTo(writer);
        WriteOptional(writer, "variation", result.VariationKey);
        writer.WriteString("reason", Camel(result.Reason.ToString()));
        if (result.ErrorCode != EvaluationErrorCode.None)
        {
            writer.WriteString("errorCode", Camel(result.ErrorCode.ToString()));
            WriteOptional(writer, "errorMessage", result.ErrorMessage);
        }

        WriteOptional(writer, "ruleId", result.RuleId);
        if (result.ExperimentKey is not null)
        {
            writer.WriteString("experiment", result.ExperimentKey);
            writer.WriteNumber("phase", result.ExperimentPhase);
        }

        writer.WriteBoolean("inExperiment", result.InExperiment);
        if (result.InExperiment)
        {
            // What the exposure records: a factorial launch's cell, say, where the flag serves only its bit.
            WriteOptional(writer, "experimentVariation", result.ExposureVariation);
        }

        if (!double.IsNaN(result.Bucket))
        {
            writer.WriteNumber("bucket", result.Bucket);
        }

        WriteOptional(writer, "hashAttribute", result.HashAttribute);
        WriteOptional(writer, "hashValue", result.HashValue);
        WriteOptional(writer, "holdout", result.HoldoutKey);
        writer.WriteEndObject();
    }

    private static void WriteStep(Utf8JsonWriter writer, TraceStep step)
    {
        writer.WriteStartObject();
        writer.WriteString("kind", Camel(step.Kind.ToString()));
        writer.WriteString("subject", step.Subject);
        writer.WriteBoolean("passed", step.Passed);
        writer.WriteString("detail", step.Detail);
        if (step.Point is { } point)
        {
            writer.WriteNumber("point", point);
        }

        if (step.Range is { } range)
        {
            writer.WriteStartArray("range");
            writer.WriteNumberValue(range.Start);
            writer.WriteNumberValue(range.End);
            writer.WriteEndArray();
        }

        if (step.Bucket is { } bucket)
        {
            writer.WriteNumber("bucket", bucket);
        }

        if (step.Span is { } span)
        {
            writer.WriteStartArray("buckets");
            writer.WriteNumberValue(span.Start);
            writer.WriteNumberValue(span.End);
            writer.WriteEndArray();
        }

        if (step.Conditions.Count > 0)
        {
            writer.WriteStartArray("conditions");
            foreach (ConditionCheck check in step.Conditions)
            {
                writer.WriteStartObject();
                writer.WriteNumber("depth", check.Depth);
                writer.WriteString("target", check.Target);
                writer.WriteString("expected", check.Expected);
                WriteOptional(writer, "actual", check.Actual);
                writer.WriteBoolean("passed", check.Passed);
                WriteOptional(writer, "note", check.Note);
                writer.WriteEndObject();
            }

            writer.WriteEndArray();
        }

        writer.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
        {
            writer.WriteString(name, value);
        }
    }

    private static string Camel(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}
