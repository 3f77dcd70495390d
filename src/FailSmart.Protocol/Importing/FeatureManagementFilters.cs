using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using static FailSmart.Protocol.Importing.ConfigurationJson;

namespace FailSmart.Protocol.Importing;

/// <summary>
/// Microsoft.FeatureManagement's feature filters as clauses (any one enables): an empty list never
/// enables, <see cref="ImportClause.Always"/> always does, and null means the filter cannot be expressed
/// (the notes say why). Users are read from the "id" attribute and groups from "groups", as the
/// FailSmart bridge presents a targeting context.
/// </summary>
internal static class FeatureManagementFilters
{
    public const string IdAttribute = "id";
    public const string GroupsAttribute = "groups";

    private static readonly IReadOnlyList<ImportClause> s_always = [ImportClause.Always];

    public static IReadOnlyList<ImportClause>? Clauses(string feature, string filterName, JsonElement? parameters, DateTimeOffset now, ImportNotes notes)
    {
        switch (ShortName(filterName))
        {
            case "alwayson" or "on":
                return s_always;
            case "targeting":
                return Targeting(feature, parameters, notes);
            case "percentage":
                return Percentage(feature, parameters, notes);
            case "timewindow":
                return TimeWindow(parameters, now, notes);
            default:
                notes.NotExpressed($"Filter '{filterName}' is not one of Microsoft.FeatureManagement's own (Targeting, Percentage, TimeWindow): FailSmart cannot run its code. Express its rule as a condition on attributes, or keep the flag off.");
                return null;
        }
    }

    // A name without a namespace matches any filter of that name, so "Targeting" is Microsoft.Targeting.
    private static string ShortName(string name)
    {
        string lower = name.ToLowerInvariant();
        return lower.StartsWith("microsoft.", StringComparison.Ordinal) ? lower["microsoft.".Length..] : lower;
    }

    private static IReadOnlyList<ImportClause>? Targeting(string feature, JsonElement? parameters, ImportNotes notes)
    {
        JsonElement? audience = parameters is { } p ? Get(p, "Audience") : null;
        if (audience is not { ValueKind: JsonValueKind.Object } a)
        {
            notes.NotExpressed("Microsoft.Targeting has no Audience, so Microsoft.FeatureManagement throws when it evaluates the feature.");
            return null;
        }

        double defaultPercentage = Number(Get(a, "DefaultRolloutPercentage")) ?? 0;
        var groups = new List<(string Name, double Percentage)>();
        foreach (JsonElement group in Items(Get(a, "Groups")))
        {
            if (Text(group, "Name") is { } name && !groups.Exists(g => g.Name == name))
            {
                groups.Add((name, Number(Get(group, "RolloutPercentage")) ?? 0));
            }
        }

        if (defaultPercentage is < 0 or > 100 || groups.Exists(g => g.Percentage is < 0 or > 100))
        {
            notes.NotExpressed("Microsoft.Targeting has a rollout percentage outside 0 to 100, so Microsoft.FeatureManagement throws when it evaluates the feature.");
            return null;
        }

        // Exclusion wins over everything in this filter (and only in this filter), so each clause carries it.
        var excluded = new List<JsonNode>();
        JsonElement? exclusion = Get(a, "Exclusion");
        if (Texts(exclusion is { } e ? Get(e, "Users") : null) is { Count: > 0 } exUsers)
        {
            excluded.Add(Attribute(IdAttribute, "$nin", exUsers));
        }

        if (Texts(exclusion is { } e2 ? Get(e2, "Groups") : null) is { Count: > 0 } exGroups)
        {
            excluded.Add(Attribute(GroupsAttribute, "$nin", exGroups));
        }

        var clauses = new List<ImportClause>();
        if (Texts(Get(a, "Users")) is { Count: > 0 } users)
        {
            clauses.Add(new ImportClause([.. excluded, Attribute(IdAttribute, "$in", users)], null));
        }

        foreach ((string name, double percentage) in groups)
        {
            if (percentage > 0)
            {
                clauses.Add(new ImportClause([.. excluded, Attribute(GroupsAttribute, "$in", [name])], Rollout(feature + "\n" + name, percentage)));
            }
        }

        if (defaultPercentage > 0)
        {
            clauses.Add(new ImportClause(excluded, Rollout(feature, defaultPercentage)));
        }

        return [.. clauses.Select(c => c with { Conditions = [.. c.Conditions.Select(n => n.DeepClone())] })];
    }

    // 100% takes everyone (Microsoft.FeatureManagement includes the top of the range), so no hash is needed.
    private static ImportHash? Rollout(string hint, double percentage) =>
        percentage >= 100 ? null : new ImportHash(FeatureManagement: true, hint, 0, percentage);

    private static IReadOnlyList<ImportClause> Percentage(string feature, JsonElement? parameters, ImportNotes notes)
    {
        double value = (parameters is { } p ? Number(Get(p, "Value")) : null) ?? 0;
        if (value <= 0)
        {
            return [];
        }

        if (value >= 100)
        {
            return s_always;
        }

        notes.Changed(FormattableString.Invariant(
            $"Microsoft.Percentage picks at random on every call, so there is no assignment to keep: FailSmart rolls out to {value}% of users by a hash of their id, and each user keeps one answer (users without an id get it from no rule)."));
        return [new ImportClause([], new ImportHash(FeatureManagement: false, feature, 0, value))];
    }

    private static IReadOnlyList<ImportClause>? TimeWindow(JsonElement? parameters, DateTimeOffset now, ImportNotes notes)
    {
        JsonElement settings = parameters ?? default;
        if (Get(settings, "Recurrence") is { ValueKind: JsonValueKind.Object })
        {
            notes.NotExpressed("Microsoft.TimeWindow recurs; FailSmart has no recurring windows. Use scheduled changes (failsmart schedule) for each opening and closing.");
            return null;
        }

        DateTimeOffset? start = Time(settings, "Start", notes);
        DateTimeOffset? end = Time(settings, "End", notes);
        if (notes.Status == ImportStatus.NotExpressed)
        {
            return null;
        }

        if (start is null && end is null)
        {
            return []; // Microsoft.FeatureManagement treats a window with neither end as closed.
        }

        bool open = (start is null || now >= start) && (end is null || now < end);
        DateTimeOffset? next = start > now ? start : end > now ? end : null;
        if (next is { } change)
        {
            notes.Changed($"Microsoft.TimeWindow {(open ? "closes" : "opens")} at {change.ToString("u", CultureInfo.InvariantCulture)}; FailSmart serves what it served when imported ({(open ? "on" : "off")}). Schedule the change with `failsmart schedule` to keep that date.");
        }

        return open ? s_always : [];
    }

    private static DateTimeOffset? Time(JsonElement settings, string name, ImportNotes notes)
    {
        if (Text(settings, name) is not { Length: > 0 } text)
        {
            return null;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out DateTimeOffset time))
        {
            return time;
        }

        notes.NotExpressed($"Microsoft.TimeWindow's {name} '{text}' is not a date.");
        return null;
    }

    private static JsonObject Attribute(string attribute, string op, IEnumerable<string> values) =>
        new() { [attribute] = new JsonObject { [op] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]) } };
}
