using System.Text.Json;
using FailSmart.Core.Validation;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Validates a resource with Core's validator, inside the whole configuration it would join, so unknown
/// segments, overlapping layer ranges and prerequisite cycles are caught at write time. The resource under
/// test is placed first in its array, so its problems come back with paths relative to its own body.
/// </summary>
public sealed class CoreResourceValidator : IResourceValidator
{
    public IReadOnlyList<FieldProblem> Validate(ResourceKind kind, JsonElement document, IReadOnlyList<StoredResource> configuration)
    {
        if (kind == ResourceKind.Metric)
        {
            // Metric definitions are analysis settings, not part of the rule set: they are checked on their own.
            return Metrics.MetricDocumentReader.Read(document).Problems;
        }

        // The candidate goes first among its kind, so its problems have paths "$.<kind>s[0]…".
        var candidate = new StoredResource(kind, "", 0, document.GetRawText(), [], false, default);
        StoredResource[] all = [candidate, .. configuration];
        ConfigLoadResult result = ConfigDocument.Parse(RuleSetDocument.Build(all, environment: null).ToJsonString());
        string ownPrefix = "$." + RuleSetDocument.ArrayName(kind) + "[0]";
        IEnumerable<FieldProblem> metrics = kind == ResourceKind.Flag && result.Configuration is { Flags: [var flag, ..] } ? RolloutPlanMetrics.Check(flag, configuration) : [];
        return [.. result.Problems.Where(Refuses).Select(p => ToField(p, ownPrefix, all)), .. metrics];
    }

    public IReadOnlyList<FieldProblem> ValidateAll(IReadOnlyList<StoredResource> configuration)
    {
        ConfigLoadResult result = ConfigDocument.Parse(RuleSetDocument.Build(configuration, environment: null).ToJsonString());
        return [.. result.Problems.Where(Refuses).Select(p => new FieldProblem(RuleSetDocument.NameResource(configuration, p.Path), p.Message, p.Hint))];
    }

    // A launch and its flags are written one at a time, so a write cannot be asked to complete the launch.
    private static bool Refuses(ValidationProblem problem) => problem.Code != ValidationProblem.IncompleteLaunchCode;

    private static FieldProblem ToField(ValidationProblem problem, string ownPrefix, IReadOnlyList<StoredResource> all) =>
        problem.Path.StartsWith(ownPrefix + ".", StringComparison.Ordinal) || problem.Path == ownPrefix
            ? new FieldProblem("$" + problem.Path[ownPrefix.Length..], problem.Message, problem.Hint)
            : new FieldProblem(RuleSetDocument.NameResource(all, problem.Path), "Elsewhere in the configuration: " + problem.Message, problem.Hint);
}
