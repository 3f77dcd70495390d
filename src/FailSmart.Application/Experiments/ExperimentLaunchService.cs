using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Access;
using FailSmart.Application.Collisions;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Storage;
using FailSmart.Storage.Config;
using CoreConfiguration = FailSmart.Core.Model.Configuration;
using Experiment = FailSmart.Core.Model.Experiment;
using ExperimentStatus = FailSmart.Core.Model.ExperimentStatus;

namespace FailSmart.Application.Experiments;

internal sealed class ExperimentLaunchService(IConfigStore store, IResourceService resources, LaunchChecks checks) : IExperimentLaunchService
{
    public async Task<ServiceResult<LaunchChecklist>> ChecklistAsync(string experiment, string environment, CancellationToken cancellationToken = default)
    {
        IReadOnlyList<string> environments = await store.ListEnvironmentKeysAsync(cancellationToken);
        if (!environments.Contains(environment, StringComparer.Ordinal))
        {
            return ServiceProblems.NotFound("environment", environment);
        }

        var (all, _) = await store.SnapshotAsync(cancellationToken);
        StoredResource? stored = all.FirstOrDefault(r => r.Kind == ResourceKind.Experiment && r.Key == experiment && !r.Archived);
        CoreConfiguration configuration = ConfigurationOf.Build(all) ?? CoreConfiguration.Empty;
        Experiment? model = configuration.Experiments.FirstOrDefault(e => e.Key == experiment);
        if (stored is null || model is null)
        {
            return ServiceProblems.NotFound("experiment", experiment);
        }

        LaunchChecklist checklist = await checks.RunAsync(all, configuration, stored, model, environment, cancellationToken);
        return new ServiceResult<LaunchChecklist>(ServiceOutcome.Unchanged, checklist);
    }

    public Task<ServiceResult<StoredResource>> StartAsync(Caller caller, string experiment, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, experiment, "Starting", (key, status, phase, document) => status switch
        {
            ExperimentStatus.Running => new ServiceProblem(409, "The experiment is already running.", $"Experiment '{key}' is running in phase {phase}. Stop it, or begin a new phase to change its split.", []),
            ExperimentStatus.Stopped => Set(document, "running", phase + 1), // units from before the stop are analysed apart
            _ => Set(document, "running", phase),
        }, cancellationToken);

    public Task<ServiceResult<StoredResource>> StopAsync(Caller caller, string experiment, CancellationToken cancellationToken = default) =>
        ChangeAsync(caller, experiment, "Stopping", (key, status, phase, document) => status == ExperimentStatus.Stopped
            ? new ServiceProblem(409, "The experiment is already stopped.", $"Experiment '{key}' is stopped in phase {phase}. Start it to run it again (in phase {phase + 1}).", [])
            : Set(document, "stopped", phase), cancellationToken);

    public Task<ServiceResult<StoredResource>> NewPhaseAsync(Caller caller, string experiment, PhaseChange change, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(change);
        return ChangeAsync(caller, experiment, "Beginning a new phase", (key, status, phase, document) =>
        {
            if (status != ExperimentStatus.Running)
            {
                return new ServiceProblem(409, "Only a running experiment begins a new phase.",
                    $"Experiment '{key}' is {Name(status)}. Edit a draft's weights and coverage directly, or start it first.", []);
            }

            JsonArray variations = document["variations"] as JsonArray ?? [];
            if (change.Weights is { } weights)
            {
                if (weights.Count != variations.Count)
                {
                    return ServiceProblems.Invalid("weights", $"Experiment '{key}' has {variations.Count} variations, so a new phase needs {variations.Count} weights, not {weights.Count}.",
                        "Give one weight per variation, in the variations' order, summing to 1.");
                }

                for (int i = 0; i < weights.Count; i++)
                {
                    if (variations[i] is JsonObject variation)
                    {
                        variation["weight"] = weights[i];
                    }
                }
            }

            if (change.Coverage is { } coverage)
            {
                document["coverage"] = coverage;
            }

            return Set(document, "running", phase + 1);
        }, cancellationToken);
    }

    private async Task<ServiceResult<StoredResource>> ChangeAsync(
        Caller caller, string key, string action, Func<string, ExperimentStatus, int, JsonObject, object> change, CancellationToken cancellationToken)
    {
        if (!caller.CanEdit)
        {
            return ResourceAccess.ViewerRefused();
        }

        if (string.IsNullOrWhiteSpace(caller.Reason))
        {
            return ServiceProblems.Invalid("reason", $"{action} an experiment needs a reason.",
                "Say why, e.g. \"Plan reviewed: 14 days at 20% of traffic\"; the audit log keeps it with the change.");
        }

        StoredResource? stored = await resources.GetAsync(ResourceKind.Experiment, key, cancellationToken);
        if (stored is null)
        {
            return ServiceProblems.NotFound("experiment", key);
        }

        if (stored.Archived)
        {
            return ServiceProblems.Archived("experiment", "experiments", key, stored.Version);
        }

        if (JsonNode.Parse(stored.Document) is not JsonObject document)
        {
            return ServiceProblems.NotFound("experiment", key);
        }

        ExperimentStatus status = (document["status"]?.GetValue<string>()) switch
        {
            "draft" => ExperimentStatus.Draft,
            "stopped" => ExperimentStatus.Stopped,
            _ => ExperimentStatus.Running,
        };
        int phase = document["phase"]?.GetValue<int>() ?? 1;
        if (change(key, status, phase, document) is ServiceProblem refused)
        {
            return refused;
        }

        if (stored.Tags.Count > 0)
        {
            document["tags"] = new JsonArray([.. stored.Tags.Select(t => (JsonNode?)JsonValue.Create(t))]);
        }

        using JsonDocument written = JsonDocument.Parse(document.ToJsonString());
        return await resources.UpdateAsync(caller, ResourceKind.Experiment, key, written.RootElement, stored.Version, cancellationToken);
    }

    private static JsonObject Set(JsonObject document, string status, int phase)
    {
        document["status"] = status;
        document["phase"] = phase;
        return document;
    }

    internal static string Name(ExperimentStatus status) => status.ToString().ToLowerInvariant();
}
