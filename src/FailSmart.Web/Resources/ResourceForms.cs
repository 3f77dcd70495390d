using FailSmart.Storage.Config;

namespace FailSmart.Web.Resources;

/// <summary>The forms of the shared resources; the shapes are those of docs/config-schema.json and the metric reader.</summary>
public static class ResourceForms
{
    public static ResourceForm Segment { get; } = new(
        ResourceKind.Segment, "segments", "Segments", "segment",
        "A segment names a group of users, by a condition on their attributes or by a list of ids, so that flags and experiments can target the same people without repeating the rule.",
        [
            new("description", "Description", FormFieldKind.Text, "Who is in it and why, for the people who use it."),
            new("attribute", "Id attribute", FormFieldKind.Text, "For an id list: the attribute holding the id (default id)."),
            new("ids", "Ids", FormFieldKind.Lines, "For an id list: one id a line. Give ids or a condition, not both."),
            new("condition", "Condition", FormFieldKind.Json, "For a rule: a targeting condition, for example {\"email\": {\"$regex\": \"@example\\\\.com$\"}}."),
        ],
        """{"key": "", "attribute": "id", "ids": []}""");

    public static ResourceForm Holdout { get; } = new(
        ResourceKind.Holdout, "holdouts", "Holdouts", "holdout",
        "A holdout keeps a small share of users out of every experiment and new feature in its scope, so you can measure the combined effect of everything you shipped against people who got none of it.",
        [
            new("description", "Description", FormFieldKind.Text, "What it measures and until when."),
            new("buckets", "Buckets", FormFieldKind.Span, "The span of the holdout's own 10,000 buckets it keeps back: from (inclusive) to (exclusive); 0 to 100 is 1%."),
            new("scope", "Scope", FormFieldKind.Json, "{\"all\": true} for everything, or lists of \"flags\", \"experiments\" and \"layers\"."),
            new("salt", "Salt", FormFieldKind.Text, "Hash salt; defaults to the key."),
            new("hashAttribute", "Hash attribute", FormFieldKind.Text, "The unit id to hash (default id)."),
        ],
        """{"key": "", "buckets": [0, 100], "scope": {"all": true}}""");

    public static ResourceForm Layer { get; } = new(
        ResourceKind.Layer, "layers", "Layers", "layer",
        "A layer splits its users into 10,000 buckets and gives each experiment in it its own span, so experiments that would interfere never share a user.",
        [
            new("description", "Description", FormFieldKind.Text, "Which experiments belong here, and why they must not overlap."),
            new("salt", "Salt", FormFieldKind.Text, "Hash salt; defaults to the key. Each layer needs its own."),
            new("hashAttribute", "Hash attribute", FormFieldKind.Text, "The unit id to hash (default id); experiments in the layer must hash the same one."),
        ],
        """{"key": ""}""");

    public static ResourceForm Metric { get; } = new(
        ResourceKind.Metric, "metrics", "Metrics", "metric definition",
        "A metric definition says how to turn your events into a number per user (a conversion, a count, a mean, a ratio), so every experiment measures success the same way.",
        [
            new("description", "Description", FormFieldKind.Text, "What it measures, in words a reader of the results understands."),
            new("type", "Type", FormFieldKind.Choice, "conversion, count, sum, mean, ratio, retention or quantile.", ["", "conversion", "count", "sum", "mean", "ratio", "retention", "quantile"]),
            new("event", "Event", FormFieldKind.Text, "The event name your application sends, for example purchase."),
            new("denominatorEvent", "Denominator event", FormFieldKind.Text, "Ratio metrics only, for example session."),
            new("window", "Window", FormFieldKind.Text, "How long after exposure events count, as ISO 8601 (P7D, PT12H); empty for no limit."),
            new("direction", "Direction", FormFieldKind.Choice, "Whether higher (increase) or lower (decrease) is better.", ["", "increase", "decrease"]),
            new("role", "Role", FormFieldKind.Choice, "primary, secondary or guardrail.", ["", "primary", "secondary", "guardrail"]),
            new("retentionDay", "Retention day", FormFieldKind.Number, "Retention metrics only: the day to check, 0 to 3650."),
            new("quantile", "Quantile", FormFieldKind.Number, "Quantile metrics only: the level, for example 0.95."),
            new("nonInferiorityMargin", "Non-inferiority margin", FormFieldKind.Number, "Guardrails only: the relative loss tolerated, for example 0.01."),
            new("plannedUnits", "Planned units", FormFieldKind.Number, "The planned sample over all variations."),
        ],
        """{"key": "", "type": "conversion", "event": ""}""");
}
