using System.Text.Json;
using FailSmart.Core.Bucketing;
using FailSmart.Core.Model;
using FailSmart.Core.Targeting;
using FailSmart.Core.Validation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration.Dto;
using static FailSmart.Core.Targeting.JsonPathText;

namespace FailSmart.Protocol.Configuration;

/// <summary>
/// Maps the document to the model. Shape problems (missing action, unknown property, wrong enum
/// name) are collected here; meaning problems are left to Core's validator.
/// </summary>
internal sealed partial class ConfigMapper
{
    private readonly List<ValidationProblem> _problems = [];

    public IReadOnlyList<ValidationProblem> Problems => _problems;

    public Core.Model.Configuration Map(ConfigDto dto)
    {
        CheckUnknown(dto, "$", "$schema, version, flags, segments, experiments, layers, holdouts");
        if (dto.Version is { } version && version != ConfigDocument.FormatVersion)
        {
            Problem(Property("$", "version"), $"Format version {version} is not supported.", $"Use \"version\": {ConfigDocument.FormatVersion}.");
        }

        return new Core.Model.Configuration
        {
            Flags = MapList(dto.Flags, "$.flags", MapFlag),
            Segments = MapList(dto.Segments, "$.segments", MapSegment),
            Experiments = MapList(dto.Experiments, "$.experiments", MapExperiment),
            Layers = MapList(dto.Layers, "$.layers", MapLayer),
            Holdouts = MapList(dto.Holdouts, "$.holdouts", MapHoldout),
        };
    }

    private Flag MapFlag(FlagDto dto, string path)
    {
        CheckUnknown(dto, path, "key, description, type, variations, prerequisites, environments");
        FlagValueType type = dto.Type switch
        {
            "boolean" or null => FlagValueType.Boolean,
            "string" => FlagValueType.String,
            "number" => FlagValueType.Number,
            "json" => FlagValueType.Json,
            _ => Invalid(Property(path, "type"), $"Unknown flag type '{dto.Type}'.", "Use boolean, string, number or json.", FlagValueType.Json),
        };
        var environments = new Dictionary<string, FlagEnvironment>(StringComparer.Ordinal);
        foreach (KeyValuePair<string, EnvironmentDto?> environment in dto.Environments ?? [])
        {
            string at = Property(Property(path, "environments"), environment.Key);
            if (environment.Value is null)
            {
                Problem(at, "An environment must be an object.", "Write {\"enabled\": true, \"offVariation\": ..., \"defaultVariation\": ..., \"rules\": []}.");
                continue;
            }

            environments[environment.Key] = MapEnvironment(environment.Value, at);
        }

        return new Flag(dto.Key ?? string.Empty, type, MapList(dto.Variations, Property(path, "variations"), MapVariation), environments)
        {
            Description = dto.Description,
            Prerequisites = MapList(dto.Prerequisites, Property(path, "prerequisites"), MapPrerequisite),
        };
    }

    private FlagVariation MapVariation(VariationDto dto, string path)
    {
        CheckUnknown(dto, path, "key, value, description");
        if (dto.Value is null)
        {
            Problem(Property(path, "value"), "A variation needs a value.", "Add \"value\", e.g. true, \"blue\", 3 or an object.");
        }

        return new FlagVariation(dto.Key ?? string.Empty, dto.Value is { } value ? DataValue.FromJson(value) : DataValue.Null) { Description = dto.Description };
    }

    private Prerequisite MapPrerequisite(PrerequisiteDto dto, string path)
    {
        CheckUnknown(dto, path, "flag, variations");
        return new Prerequisite(dto.Flag ?? string.Empty, dto.Variations ?? []);
    }

    private FlagEnvironment MapEnvironment(EnvironmentDto dto, string path)
    {
        CheckUnknown(dto, path, "enabled, offVariation, defaultVariation, rules");
        return new FlagEnvironment(dto.Enabled ?? false, MapList(dto.Rules, Property(path, "rules"), MapRule), dto.OffVariation ?? string.Empty, dto.DefaultVariation ?? string.Empty);
    }

    private Rule MapRule(RuleDto dto, string path)
    {
        CheckUnknown(dto, path, "id, description, condition, segments, force, rollout, experiment");
        Condition condition = dto.Condition is { } json ? Condition.From(DataValue.FromJson(json)) : Condition.Always;
        int actions = (dto.Force is null ? 0 : 1) + (dto.Rollout is null ? 0 : 1) + (dto.Experiment is null ? 0 : 1);
        if (actions != 1)
        {
            Problem(path, actions == 0 ? "The rule has no action." : "The rule has more than one action.", "Give the rule exactly one of \"force\", \"rollout\" or \"experiment\".");
        }

        RuleAction action;
        if (dto.Force is { } force)
        {
            CheckUnknown(force, Property(path, "force"), "variation");
            action = new ForceAction(force.Variation ?? string.Empty);
        }
        else if (dto.Rollout is { } rollout)
        {
            string at = Property(path, "rollout");
            CheckUnknown(rollout, at, "variation, percentage, hashAttribute, fallbackAttribute, seed, hashVersion, plan, bucketing, from");
            if (rollout.Percentage is null)
            {
                Problem(Property(at, "percentage"), "A rollout needs a percentage.", "Add \"percentage\": 10 for 10% of the rule's audience.");
            }

            action = new RolloutAction(rollout.Variation ?? string.Empty, RolloutStage.FromPercent(rollout.Percentage ?? 0))
            {
                HashAttribute = rollout.HashAttribute ?? "id",
                FallbackAttribute = rollout.FallbackAttribute,
                Seed = rollout.Seed,
                HashVersion = (HashVersion)(rollout.HashVersion ?? 2),
                Plan = rollout.Plan is { } plan ? MapPlan(plan, Property(at, "plan")) : null,
                FeatureManagement = MapBucketing(rollout, at),
            };
        }
        else
        {
            if (dto.Experiment is not null)
            {
                CheckUnknown(dto.Experiment, Property(path, "experiment"), "key");
            }

            action = new ExperimentAction(dto.Experiment?.Key ?? string.Empty);
        }

        return new Rule(dto.Id ?? string.Empty, condition, action) { Description = dto.Description, Segments = dto.Segments ?? [] };
    }

    /// <summary>The "bucketing" of rules imported from Microsoft.FeatureManagement (<see cref="FeatureManagementBucketing"/>).</summary>
    public const string FeatureManagementBucketingName = "feature-management";

    private FeatureManagementBucketing? MapBucketing(RolloutDto rollout, string path)
    {
        switch (rollout.Bucketing)
        {
            case null or "growthbook":
                if (rollout.From is not null)
                {
                    Problem(Property(path, "from"), "\"from\" is only for Microsoft.FeatureManagement's bucketing.", $"Remove \"from\" (a rollout covers 0 up to its percentage), or add \"bucketing\": \"{FeatureManagementBucketingName}\".");
                }

                return null;
            case FeatureManagementBucketingName:
                return new FeatureManagementBucketing(rollout.From ?? 0, rollout.Percentage ?? 0);
            default:
                Problem(Property(path, "bucketing"), $"Unknown bucketing '{rollout.Bucketing}'.", $"Use \"growthbook\" (the default) or \"{FeatureManagementBucketingName}\" (Microsoft.FeatureManagement's targeting hash, for imported rules).");
                return null;
        }
    }

    private Segment MapSegment(SegmentDto dto, string path)
    {
        CheckUnknown(dto, path, "key, description, condition, attribute, ids");
        if ((dto.Condition is null) == (dto.Ids is null))
        {
            Problem(path, "A segment needs either a \"condition\" or an \"attribute\" with \"ids\", not both.", "Use {\"key\": ..., \"condition\": {...}} or {\"key\": ..., \"attribute\": \"id\", \"ids\": [...]}.");
        }

        if (dto.Ids is { } ids)
        {
            return new IdListSegment(dto.Key ?? string.Empty, dto.Attribute ?? "id", [.. ids.Select(DataValue.FromJson)]) { Description = dto.Description };
        }

        Condition condition = dto.Condition is { } json ? Condition.From(DataValue.FromJson(json)) : Condition.Always;
        return new ConditionSegment(dto.Key ?? string.Empty, condition) { Description = dto.Description };
    }

    private Layer MapLayer(LayerDto dto, string path)
    {
        CheckUnknown(dto, path, "key, salt, hashAttribute, description");
        return new Layer(dto.Key ?? string.Empty, dto.Salt ?? dto.Key ?? string.Empty) { HashAttribute = dto.HashAttribute ?? "id", Description = dto.Description };
    }

    private Holdout MapHoldout(HoldoutDto dto, string path)
    {
        CheckUnknown(dto, path, "key, salt, hashAttribute, description, buckets, scope");
        HoldoutScope scope = HoldoutScope.Everything;
        if (dto.Scope is { } s)
        {
            CheckUnknown(s, Property(path, "scope"), "all, flags, experiments, layers");
            scope = new HoldoutScope { All = s.All ?? false, Flags = s.Flags ?? [], Experiments = s.Experiments ?? [], Layers = s.Layers ?? [] };
        }

        return new Holdout(dto.Key ?? string.Empty, dto.Salt ?? dto.Key ?? string.Empty, MapSpan(dto.Buckets, Property(path, "buckets")), scope)
        {
            HashAttribute = dto.HashAttribute ?? "id",
            Description = dto.Description,
        };
    }

    private BucketSpan MapSpan(List<int>? buckets, string path)
    {
        if (buckets is not { Count: 2 })
        {
            Problem(path, "Buckets must be [start, end], two integers in 0..10000.", "Write e.g. [0, 100] for the first 1% of buckets.");
            return default;
        }

        return new BucketSpan(buckets[0], buckets[1]);
    }

    private List<T> MapList<TDto, T>(List<TDto?>? items, string path, Func<TDto, string, T> map)
        where TDto : class
    {
        var result = new List<T>();
        for (int i = 0; i < (items?.Count ?? 0); i++)
        {
            string at = Index(path, i);
            if (items![i] is not { } item)
            {
                Problem(at, "Expected an object, got null.", "Remove the null, or write the object.");
                continue;
            }

            result.Add(map(item, at));
        }

        return result;
    }

    private void CheckUnknown(DtoBase dto, string path, string known)
    {
        foreach (KeyValuePair<string, JsonElement> unknown in dto.Unknown ?? [])
        {
            Problem(Property(path, unknown.Key), $"Unknown property '{unknown.Key}'.", "Known properties here: " + known + ".");
        }
    }

    private T Invalid<T>(string path, string message, string hint, T fallback)
    {
        Problem(path, message, hint);
        return fallback;
    }

    private void Problem(string path, string message, string hint) => _problems.Add(new ValidationProblem(path, message, hint));
}
