using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Configuration;

/// <summary>
/// Validates the whole configuration with a change in place, then writes, both at one configuration
/// revision: if another change commits in between, the write is refused by the store and both steps run
/// again. So two writes that are each valid alone (two experiments claiming the same layer buckets, say)
/// can never together store an invalid configuration.
/// </summary>
internal sealed class ValidatedWriter(IConfigStore store, IResourceValidator validator, ConfigChangeNotifier notifier)
{
    // Another writer getting in between is rare, so a few rounds of validate-and-write settle it.
    private const int Attempts = 5;

    public async Task<(ServiceProblem? Refused, WriteOutcome? Outcome)> WriteAsync(
        Func<IReadOnlyList<StoredResource>, ServiceProblem?> validate, Func<long, Task<WriteOutcome>> write, CancellationToken cancellationToken)
    {
        for (int attempt = 1; attempt <= Attempts; attempt++)
        {
            var (resources, revision) = await store.SnapshotAsync(cancellationToken);
            if (validate(resources) is { } invalid)
            {
                return (invalid, null);
            }

            WriteOutcome outcome = await write(revision);
            if (outcome.Status != WriteStatus.ConfigurationChanged)
            {
                if (outcome.Status == WriteStatus.Committed)
                {
                    notifier.Publish(outcome.Revision);
                }

                return (null, outcome);
            }
        }

        return (ServiceProblems.ConfigurationBusy(), null);
    }

    /// <summary>Tells open streams and pages that a write committed outside <see cref="WriteAsync"/>.</summary>
    public void Publish(long revision) => notifier.Publish(revision);

    /// <summary>Null when the configuration would stay valid with this document in place; otherwise a 422.</summary>
    public ServiceProblem? ValidateAgainst(IReadOnlyList<StoredResource> resources, ResourceKind kind, string key, JsonElement document)
    {
        StoredResource[] others = [.. resources.Where(r => r.Kind != kind || r.Key != key)];
        IReadOnlyList<FieldProblem> problems = validator.Validate(kind, document, others);
        if (problems.Count == 0 && kind == ResourceKind.Experiment)
        {
            problems = ExperimentWriteRules.Check(resources, key, document);
        }

        return problems.Count == 0 ? null : ServiceProblems.Invalid(problems, 422);
    }

    /// <summary>Null when archiving leaves the rest valid (nothing still refers to it); otherwise a 422.</summary>
    public ServiceProblem? ValidateArchive(IReadOnlyList<StoredResource> resources, ResourceKind kind, string key)
    {
        StoredResource? target = resources.FirstOrDefault(r => r.Kind == kind && r.Key == key);
        if (target is null)
        {
            return null; // the store answers NotFound for a missing one; an archived one stays archived
        }

        var problems = validator.ValidateAll([.. resources.Where(r => r != target)]);
        return problems.Count == 0
            ? null
            : ServiceProblems.Invalid(
                [.. problems.Select(p => p with { Message = $"Archiving {AdoConfigStore.KindName(kind)} '{key}' would leave {p.Path.Split(':')[0]} invalid: {p.Message}" })],
                422);
    }

    /// <summary>The document as stored: tags live in their own column, not in the rule set.</summary>
    public static string WithoutTags(JsonElement document)
    {
        if (document.ValueKind != JsonValueKind.Object)
        {
            return "";
        }

        JsonObject node = JsonNode.Parse(document.GetRawText())!.AsObject();
        node.Remove("tags");
        return node.ToJsonString();
    }
}
