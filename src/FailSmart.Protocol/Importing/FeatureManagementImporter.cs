using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Values;
using static FailSmart.Protocol.Importing.ConfigurationJson;

namespace FailSmart.Protocol.Importing;

/// <summary>
/// Microsoft.FeatureManagement's configuration (the <c>FeatureManagement</c> section, and the
/// <c>feature_management.feature_flags</c> array, which wins for a name in both) as FailSmart flags for
/// one environment. A feature without variants is a boolean flag (<c>on</c>/<c>off</c>); its filters
/// are rules that serve <c>on</c>: users and groups as conditions on <c>id</c> and <c>groups</c>,
/// percentages through Microsoft.FeatureManagement's own targeting hash, so every user keeps their
/// answer. A feature with variants is a flag with those variations, its allocation as rules, and (when
/// filters decide who has it enabled) a boolean flag <c>{name}.enabled</c> as its prerequisite, so a
/// user it does not enable gets <c>default_when_disabled</c>.
/// </summary>
public static class FeatureManagementImporter
{
    /// <summary>The suffix of the boolean flag that holds a variant feature's filters.</summary>
    public const string EnabledFlagSuffix = ".enabled";

    private const string On = "on";
    private const string Off = "off";

    /// <summary>Imports the feature definitions in <paramref name="settings"/> (an appsettings.json document), reading time windows at <paramref name="now"/>.</summary>
    public static ImportResult Import(JsonElement settings, string environment, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var definitions = new List<FeatureDefinition>();
        JsonElement? microsoft = Get(settings, "feature_management") is { } fm ? Get(fm, "feature_flags") : null;
        foreach (JsonElement flag in Items(microsoft))
        {
            if (Text(flag, "id") is { Length: > 0 } id)
            {
                // The last definition of a name wins, as in Microsoft.FeatureManagement.
                definitions.RemoveAll(d => string.Equals(d.Name, id, StringComparison.OrdinalIgnoreCase));
                definitions.Add(FeatureDefinition.FromMicrosoftSchema(id, flag));
            }
        }

        if (Get(settings, "FeatureManagement") is { ValueKind: JsonValueKind.Object } classic)
        {
            foreach (JsonProperty feature in classic.EnumerateObject())
            {
                if (!definitions.Exists(d => string.Equals(d.Name, feature.Name, StringComparison.OrdinalIgnoreCase)))
                {
                    definitions.Add(FeatureDefinition.FromDotnetSchema(feature.Name, feature.Value));
                }
            }
        }

        if (definitions.Count == 0)
        {
            return new ImportResult(new Core.Model.Configuration(), [])
            {
                Problems = ["The file has no \"FeatureManagement\" section and no \"feature_management\": {\"feature_flags\": [...]}; name the appsettings file that holds the feature definitions."],
            };
        }

        var flags = new List<Flag>();
        var features = new List<ImportedFeature>();
        foreach (FeatureDefinition definition in definitions)
        {
            var notes = new ImportNotes();
            Flag[] imported = Import(definition, environment, now, notes);
            flags.AddRange(imported);
            features.Add(new ImportedFeature(definition.Name, notes.Status, [.. imported.Select(f => f.Key)], notes.Notes));
        }

        return new ImportResult(new Core.Model.Configuration { Flags = flags }, features);
    }

    private static Flag[] Import(FeatureDefinition feature, string environment, DateTimeOffset now, ImportNotes notes)
    {
        // Who has the feature enabled: any (or all) of the filters, as clauses any one of which enables.
        IReadOnlyList<ImportClause>? enabled = feature.Enabled ? Combine(feature, now, notes) : [];
        bool expressible = enabled is not null && notes.Status != ImportStatus.NotExpressed;
        if (!expressible)
        {
            notes.NotExpressed("Imported switched off: turn it on once the rules say who should have it.");
        }

        enabled ??= [];
        if (feature.Variants.Count == 0)
        {
            return [BooleanFlag(feature.Name, enabled, expressible, environment)];
        }

        return VariantFlags(feature, enabled, expressible, environment, notes);
    }

    private static IReadOnlyList<ImportClause>? Combine(FeatureDefinition feature, DateTimeOffset now, ImportNotes notes)
    {
        if (feature.Filters.Count == 0)
        {
            return [];
        }

        IReadOnlyList<ImportClause>?[] each = [.. feature.Filters.Select(f => FeatureManagementFilters.Clauses(feature.Name, f.Name, f.Parameters, now, notes))];
        if (each.Any(c => c is null))
        {
            return null;
        }

        if (!feature.RequireAll)
        {
            return each.Any(c => c!.Any(IsAlways)) ? [ImportClause.Always] : [.. each.SelectMany(c => c!)];
        }

        IReadOnlyList<ImportClause> product = [ImportClause.Always];
        foreach (IReadOnlyList<ImportClause>? clauses in each)
        {
            var next = new List<ImportClause>();
            foreach (ImportClause left in product)
            {
                foreach (ImportClause right in clauses!)
                {
                    if (left.And(right) is not { } both)
                    {
                        notes.NotExpressed("RequirementType All joins two percentages (two targeting or percentage filters): one FailSmart rule places a user by one hash.");
                        return null;
                    }

                    next.Add(both);
                }
            }

            product = next;
        }

        return product;
    }

    private static bool IsAlways(ImportClause clause) => clause.Conditions.Count == 0 && clause.Hash is null;

    private static Flag BooleanFlag(string key, IReadOnlyList<ImportClause> enabled, bool expressible, string environment)
    {
        FlagVariation[] variations = [new(On, DataValue.True), new(Off, DataValue.False)];
        FlagEnvironment state = enabled.Any(IsAlways)
            ? new FlagEnvironment(expressible, [], Off, On)
            : new FlagEnvironment(expressible && enabled.Count > 0, [.. enabled.Select((c, i) => ClauseRule("enabled-" + (i + 1), c, On))], Off, Off);
        return new Flag(key, FlagValueType.Boolean, variations, new Dictionary<string, FlagEnvironment> { [environment] = state });
    }

    private static Flag[] VariantFlags(FeatureDefinition feature, IReadOnlyList<ImportClause> enabled, bool expressible, string environment, ImportNotes notes)
    {
        // Microsoft.FeatureManagement may assign no variant; a FailSmart flag always serves one.
        string none = NoVariantKey(feature.Variants);
        bool noneUsed = false;
        string VariantOrNone(string? name)
        {
            if (name is not null && feature.Variants.Exists(v => v.Name == name))
            {
                return name;
            }

            noneUsed = true;
            return none;
        }

        Allocation? allocation = feature.Allocation;
        string whenDisabled = VariantOrNone(allocation?.DefaultWhenDisabled);
        string whenEnabled = VariantOrNone(allocation?.DefaultWhenEnabled);
        var rules = new List<Rule>();
        if (allocation is not null)
        {
            foreach ((string? variant, IReadOnlyList<string> users, int i) in allocation.Users.Select((u, i) => (u.Variant, u.Values, i)))
            {
                rules.Add(ClauseRule("user-" + (i + 1), new ImportClause([Attribute(FeatureManagementFilters.IdAttribute, users)], null), VariantOrNone(variant)));
            }

            foreach ((string? variant, IReadOnlyList<string> groups, int i) in allocation.Groups.Select((g, i) => (g.Variant, g.Values, i)))
            {
                rules.Add(ClauseRule("group-" + (i + 1), new ImportClause([Attribute(FeatureManagementFilters.GroupsAttribute, groups)], null), VariantOrNone(variant)));
            }

            string seed = allocation.Seed ?? "allocation\n" + feature.Name;
            for (int i = 0; i < allocation.Percentiles.Count; i++)
            {
                (string? variant, double from, double to) = allocation.Percentiles[i];
                if (from is < 0 or > 100 || to is < 0 or > 100 || from > to)
                {
                    notes.NotExpressed(FormattableString.Invariant($"Percentile allocation {i + 1} runs from {from} to {to}; Microsoft.FeatureManagement throws unless 0 <= from <= to <= 100."));
                    expressible = false;
                    continue;
                }

                rules.Add(ClauseRule("percentile-" + (i + 1), new ImportClause([], new ImportHash(FeatureManagement: true, seed, from, to)), VariantOrNone(variant)));
            }
        }

        if (feature.Variants.Any(v => v.StatusOverride is not null))
        {
            notes.Changed("A variant overrides the enabled state (status_override): FailSmart serves the variant, but whether the feature is enabled follows its filters only.");
        }

        if (noneUsed)
        {
            notes.Changed($"Where Microsoft.FeatureManagement assigns no variant, FailSmart serves variation '{none}' (value false).");
        }

        FlagVariation[] variations = [.. feature.Variants.Select(v => new FlagVariation(v.Name, v.Value)), .. noneUsed ? [new FlagVariation(none, DataValue.False)] : Array.Empty<FlagVariation>()];
        bool always = enabled.Any(IsAlways);
        bool filtered = !always && enabled.Count > 0;
        var state = new FlagEnvironment(expressible && (always || filtered), rules, whenDisabled, whenEnabled);
        var flag = new Flag(feature.Name, FlagValueType.Json, variations, new Dictionary<string, FlagEnvironment> { [environment] = state });
        if (!filtered)
        {
            return [flag];
        }

        Flag gate = BooleanFlag(feature.Name + EnabledFlagSuffix, enabled, expressible: true, environment) with
        {
            Description = $"Who has '{feature.Name}' enabled (its filters, imported from Microsoft.FeatureManagement); '{feature.Name}' serves its variants only to them.",
        };
        return [flag with { Prerequisites = [new Prerequisite(gate.Key, [On])] }, gate];
    }

    private static string NoVariantKey(List<VariantDefinition> variants)
    {
        string key = "none";
        for (int i = 2; variants.Exists(v => v.Name == key); i++)
        {
            key = "none-" + i.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return key;
    }

    private static Rule ClauseRule(string id, ImportClause clause, string variation)
    {
        JsonNode[] conditions = [.. clause.Conditions.Select(c => c.DeepClone())];
        Condition condition = conditions.Length switch
        {
            0 => Condition.Always,
            1 => Condition.Parse(conditions[0].ToJsonString()),
            _ => Condition.Parse(new JsonObject { ["$and"] = new JsonArray(conditions) }.ToJsonString()),
        };
        RuleAction action = clause.Hash switch
        {
            null => new ForceAction(variation),
            { FeatureManagement: true } fm => new RolloutAction(variation, RolloutStage.FromPercent(fm.To))
            {
                Seed = fm.Seed,
                FeatureManagement = new FeatureManagementBucketing(fm.From, fm.To),
            },
            { } percentage => new RolloutAction(variation, RolloutStage.FromPercent(percentage.To)) { Seed = percentage.Seed },
        };
        return new Rule(id, condition, action);
    }

    private static JsonObject Attribute(string attribute, IEnumerable<string> values) =>
        new() { [attribute] = new JsonObject { ["$in"] = new JsonArray([.. values.Select(v => (JsonNode)JsonValue.Create(v))]) } };
}
