using System.Text.Json;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Core.Evaluation;
using FailSmart.Core.Values;
using FailSmart.Protocol.Configuration;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Explain;

internal sealed class ExplainService(IConfigStore store) : IExplainService
{
    public async Task<ServiceResult<ExplainResult>> ExplainAsync(string flagKey, string environment, string attributes, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        if (!environments.Contains(environment, StringComparer.Ordinal))
        {
            return ServiceProblems.Invalid("environment", $"There is no environment '{environment}'.", $"Choose one of {string.Join(", ", environments)}.");
        }

        Attributes parsed;
        try
        {
            parsed = Attributes.Parse(string.IsNullOrWhiteSpace(attributes) ? "{}" : attributes);
        }
        catch (Exception ex) when (ex is JsonException or ArgumentException or InvalidOperationException)
        {
            return ServiceProblems.Invalid("attributes", $"The attributes must be a JSON object: {ex.Message}", "For example {\"id\": \"u-1\", \"country\": \"SE\"}.");
        }

        (IReadOnlyList<StoredResource> resources, _) = await store.SnapshotAsync(cancellationToken);
        if (!resources.Any(r => r.Kind == ResourceKind.Flag && r.Key == flagKey))
        {
            return ServiceProblems.NotFound("flag", flagKey);
        }

        // The same rule set the SDKs of this environment receive, so the answer is theirs.
        ConfigLoadResult loaded = ConfigDocument.Parse(RuleSetDocument.Build(resources, environment).ToJsonString());
        if (loaded.Configuration is null)
        {
            return ServiceProblems.Invalid(
                [.. loaded.Problems.Select(p => new Protocol.Admin.FieldProblem(RuleSetDocument.NameResource(resources, p.Path), p.Message, p.Hint))], 422);
        }

        EvaluationTrace trace = new Evaluator(loaded.Configuration, environment).Explain(flagKey, parsed);
        return new ServiceResult<ExplainResult>(ServiceOutcome.Unchanged, new ExplainResult(trace, trace.ToText()));
    }
}
