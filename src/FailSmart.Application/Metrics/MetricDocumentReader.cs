using System.Text.Json;
using System.Xml;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Events;

namespace FailSmart.Application.Metrics;

/// <summary>
/// Reads a metric definition document (<c>POST /api/v1/metrics</c>, or a file for <c>failsmart analyze</c>)
/// into a <see cref="MetricDefinition"/>, reporting every problem with its JSON path and a hint.
/// Durations are ISO 8601 ("P7D", "PT12H").
/// </summary>
public static class MetricDocumentReader
{
    private static readonly string[] s_known =
    [
        "key", "tags", "description", "type", "event", "denominatorEvent", "numeratorAggregate", "denominatorAggregate",
        "window", "retentionDay", "quantile", "direction", "capping", "cupedWindow", "role", "nonInferiorityMargin", "plannedUnits",
    ];

    private static readonly string[] s_types = ["conversion", "count", "sum", "mean", "ratio", "retention", "quantile"];

    public static (MetricSpec? Metric, IReadOnlyList<FieldProblem> Problems) Read(JsonElement document)
    {
        var problems = new List<FieldProblem>();
        if (document.ValueKind != JsonValueKind.Object)
        {
            return (null, [new("$", "A metric definition must be a JSON object.", "Send {\"key\": \"checkout-conversion\", \"type\": \"conversion\", \"event\": \"purchase\"}.")]);
        }

        foreach (JsonProperty property in document.EnumerateObject().Where(p => !s_known.Contains(p.Name, StringComparer.Ordinal)))
        {
            problems.Add(new("$." + property.Name, $"'{property.Name}' is not a metric property.", "Known properties: " + string.Join(", ", s_known) + "."));
        }

        string key = String(document, "key", problems, required: true) ?? "";
        string? type = String(document, "type", problems, required: true);
        string eventName = String(document, "event", problems, required: true) ?? "";
        MetricKind kind = MetricKind.Conversion;
        if (type is not null && !TryEnum(type, s_types, out kind))
        {
            problems.Add(new("$.type", $"'{type}' is not a metric type.", "Use one of: " + string.Join(", ", s_types) + "."));
        }

        string? denominator = String(document, "denominatorEvent", problems);
        if (kind == MetricKind.Ratio && denominator is null && type is not null)
        {
            problems.Add(new("$.denominatorEvent", "A ratio metric needs a denominator event.", "Add \"denominatorEvent\": \"session\"."));
        }
        else if (kind != MetricKind.Ratio && denominator is not null)
        {
            problems.Add(new("$.denominatorEvent", "Only ratio metrics have a denominator event.", "Remove it, or set \"type\": \"ratio\"."));
        }

        EventAggregate numeratorAggregate = Aggregate(document, "numeratorAggregate", EventAggregate.Sum, problems);
        EventAggregate denominatorAggregate = Aggregate(document, "denominatorAggregate", EventAggregate.Count, problems);
        TimeSpan? window = Duration(document, "window", problems);
        TimeSpan? cuped = Duration(document, "cupedWindow", problems);
        double? retentionDay = Number(document, "retentionDay", problems);
        if (kind == MetricKind.Retention && retentionDay is not (>= 0 and <= 3650) || retentionDay is { } d && d != Math.Floor(d))
        {
            problems.Add(new("$.retentionDay", "A retention metric needs a whole day from 0 to 3650.", "Add \"retentionDay\": 7 for day-7 retention."));
        }

        double? quantile = Number(document, "quantile", problems);
        if (kind == MetricKind.Quantile && quantile is not (> 0 and < 1))
        {
            problems.Add(new("$.quantile", "A quantile metric needs a level strictly between 0 and 1.", "Add \"quantile\": 0.95 for p95."));
        }

        string? directionText = String(document, "direction", problems);
        MetricDirection direction = kind == MetricKind.Quantile ? MetricDirection.Decrease : MetricDirection.Increase;
        if (directionText is not null && !TryEnum(directionText, ["increase", "decrease"], out direction))
        {
            problems.Add(new("$.direction", $"'{directionText}' is not a direction.", "Use \"increase\" (higher is better) or \"decrease\" (lower is better)."));
        }

        string? roleText = String(document, "role", problems);
        MetricRole role = MetricRole.Primary;
        if (roleText is not null && !TryEnum(roleText, ["primary", "secondary", "guardrail"], out role))
        {
            problems.Add(new("$.role", $"'{roleText}' is not a role.", "Use \"primary\", \"secondary\" or \"guardrail\"."));
        }

        double? margin = Number(document, "nonInferiorityMargin", problems);
        if (role == MetricRole.Guardrail && margin is not (> 0 and < 1))
        {
            problems.Add(new("$.nonInferiorityMargin", "A guardrail needs a relative margin between 0 and 1.", "Add \"nonInferiorityMargin\": 0.01 to tolerate at most a 1% loss."));
        }
        else if (role != MetricRole.Guardrail && margin is not null)
        {
            problems.Add(new("$.nonInferiorityMargin", "Only guardrails have a non-inferiority margin.", "Remove it, or set \"role\": \"guardrail\"."));
        }

        Capping? capping = Cap(document, problems);
        double? planned = Number(document, "plannedUnits", problems);
        if (planned is not null && (planned < 2 || planned != Math.Floor(planned.Value)))
        {
            problems.Add(new("$.plannedUnits", "The planned sample must be a whole number of units, at least 2.", "Use the total over all variations from `failsmart stats plan`."));
        }

        if (problems.Count > 0)
        {
            return (null, problems);
        }

        var definition = new MetricDefinition
        {
            Key = key,
            Kind = kind,
            EventName = eventName,
            DenominatorEventName = denominator,
            NumeratorAggregate = numeratorAggregate,
            DenominatorAggregate = denominatorAggregate,
            Window = window,
            RetentionDay = (int)(retentionDay ?? 0),
            QuantileLevel = quantile ?? 0,
            Direction = direction,
            Role = role,
            NonInferiorityMargin = margin,
            Capping = capping,
            CovariateWindow = cuped,
        };
        try
        {
            definition.Validate();
        }
        catch (ArgumentException ex)
        {
            return (null, [new("$", ex.Message, "See docs/metrics.md for what each metric type accepts.")]);
        }

        return (new MetricSpec(definition, (long)(planned ?? MetricSpec.DefaultPlannedUnits)), []);
    }

    private static string? String(JsonElement document, string name, List<FieldProblem> problems, bool required = false)
    {
        if (!document.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            if (required)
            {
                problems.Add(new("$." + name, $"'{name}' is required.", $"Add \"{name}\": \"…\"."));
            }

            return null;
        }

        if (value.ValueKind != JsonValueKind.String || string.IsNullOrWhiteSpace(value.GetString()))
        {
            problems.Add(new("$." + name, $"'{name}' must be a non-empty string.", null));
            return null;
        }

        return value.GetString();
    }

    private static double? Number(JsonElement document, string name, List<FieldProblem> problems)
    {
        if (!document.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Number || !double.IsFinite(value.GetDouble()))
        {
            problems.Add(new("$." + name, $"'{name}' must be a number.", null));
            return null;
        }

        return value.GetDouble();
    }

    private static TimeSpan? Duration(JsonElement document, string name, List<FieldProblem> problems)
    {
        string? text = String(document, name, problems);
        if (text is null)
        {
            return null;
        }

        try
        {
            TimeSpan span = XmlConvert.ToTimeSpan(text);
            if (span > TimeSpan.Zero)
            {
                return span;
            }
        }
        catch (FormatException)
        {
        }
        catch (OverflowException)
        {
        }

        problems.Add(new("$." + name, $"'{text}' is not a positive ISO 8601 duration.", "Write \"P7D\" for seven days or \"PT12H\" for twelve hours."));
        return null;
    }

    private static EventAggregate Aggregate(JsonElement document, string name, EventAggregate fallback, List<FieldProblem> problems)
    {
        string? text = String(document, name, problems);
        if (text is null)
        {
            return fallback;
        }

        if (!TryEnum(text, ["count", "sum"], out EventAggregate aggregate))
        {
            problems.Add(new("$." + name, $"'{text}' is not an aggregate.", "Use \"count\" or \"sum\"."));
        }

        return aggregate;
    }

    private static Capping? Cap(JsonElement document, List<FieldProblem> problems)
    {
        if (!document.TryGetProperty("capping", out JsonElement cap) || cap.ValueKind == JsonValueKind.Null)
        {
            return null;
        }

        const string Hint = "Write {\"type\": \"percentile\", \"value\": 0.99} or {\"type\": \"fixed\", \"value\": 500}.";
        if (cap.ValueKind != JsonValueKind.Object)
        {
            problems.Add(new("$.capping", "capping must be an object.", Hint));
            return null;
        }

        foreach (JsonProperty unknown in cap.EnumerateObject().Where(p => p.Name is not ("type" or "value")))
        {
            problems.Add(new("$.capping." + unknown.Name, $"'{unknown.Name}' is not a capping property.", "Known properties: type, value."));
        }

        string? type = cap.TryGetProperty("type", out JsonElement t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
        double? value = cap.TryGetProperty("value", out JsonElement v) && v.ValueKind == JsonValueKind.Number ? v.GetDouble() : null;
        if (type is not ("fixed" or "percentile"))
        {
            problems.Add(new("$.capping.type", "capping.type must be \"fixed\" or \"percentile\".", Hint));
            return null;
        }

        if (value is null || (type == "percentile" && value is not (> 0 and <= 1)) || !double.IsFinite(value.Value))
        {
            problems.Add(new("$.capping.value", type == "percentile" ? "A percentile cap is a fraction in (0, 1]." : "A fixed cap is a finite number.", Hint));
            return null;
        }

        return type == "fixed" ? Capping.AtValue(value.Value) : Capping.AtPercentile(value.Value);
    }

    private static bool TryEnum<T>(string text, string[] allowed, out T value)
        where T : struct, Enum
    {
        value = default;
        return allowed.Contains(text, StringComparer.Ordinal) && Enum.TryParse(text, ignoreCase: true, out value);
    }
}
