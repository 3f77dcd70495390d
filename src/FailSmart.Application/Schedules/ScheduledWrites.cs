using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Application.Access;
using FailSmart.Application.Configuration;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Schedules;

/// <summary>
/// Checks a change as an immediate write by the same caller would be checked (role, environments, the
/// document, the whole configuration with it in place), with the same refusals; used when a change is
/// scheduled and again when it is due.
/// </summary>
internal sealed class ScheduledWrites(IConfigStore store, ResourceService resources, ValidatedWriter writer)
{
    public async Task<(ScheduledWrite? Write, ServiceProblem? Refused)> PrepareAsync(Caller caller, ScheduleChangeInput input, CancellationToken cancellationToken)
    {
        if (!caller.CanEdit)
        {
            return (null, ResourceAccess.ViewerRefused());
        }

        if (input.Document is { } document)
        {
            return await PrepareDocumentAsync(caller, input.Kind, input.Key, document, cancellationToken);
        }

        if (input.Kind != ResourceKind.Flag || input.Environment is not { } environment || input.Enabled is not bool enabled)
        {
            return (null, ServiceProblems.Invalid(
                "$.change", "A change is either a document, or a flag's environment and enabled.",
                "Send {\"kind\": \"flag\", \"key\": \"checkout\", \"environment\": \"production\", \"enabled\": true}, or {\"kind\": \"flag\", \"key\": \"checkout\", \"document\": {…}}."));
        }

        return await PrepareToggleAsync(caller, input.Key, environment, enabled, cancellationToken);
    }

    /// <summary>Null when the configuration stays valid with the change in place; otherwise the same 422 an immediate write gets.</summary>
    public ServiceProblem? Validate(IReadOnlyList<StoredResource> snapshot, ScheduledWrite write) =>
        write.Document is { } document ? writer.ValidateAgainst(snapshot, write.Kind, write.Key, document) : null;

    private async Task<(ScheduledWrite?, ServiceProblem?)> PrepareToggleAsync(Caller caller, string flagKey, string environment, bool enabled, CancellationToken cancellationToken)
    {
        if (!caller.MayEdit(environment))
        {
            return (null, ResourceAccess.EnvironmentRefused(caller, environment));
        }

        if (!(await store.ListEnvironmentKeysAsync(cancellationToken)).Contains(environment))
        {
            return (null, ServiceProblems.NotFound("environment", environment));
        }

        StoredResource? flag = await store.GetAsync(ResourceKind.Flag, flagKey, cancellationToken);
        if (flag is null || flag.Archived)
        {
            return (null, ServiceProblems.NotFound("flag", flagKey));
        }

        JsonObject document = JsonNode.Parse(flag.Document)!.AsObject();
        if (document["environments"]?[environment] is not JsonObject state)
        {
            return (null, ServiceProblems.Invalid(
                [new FieldProblem($"$.environments.{environment}", $"The flag '{flagKey}' has no state in '{environment}' to turn on or off.",
                    "Add the environment to the flag with PUT (enabled, offVariation, defaultVariation, rules) first.")],
                422));
        }

        state["enabled"] = enabled;
        return (new ScheduledWrite(ResourceKind.Flag, flagKey, "toggle", document.ToJsonString(), flag.Tags, flag, null, environment, enabled), null);
    }

    private async Task<(ScheduledWrite?, ServiceProblem?)> PrepareDocumentAsync(Caller caller, ResourceKind kind, string key, JsonElement document, CancellationToken cancellationToken)
    {
        if (await resources.ReadDocumentAsync(kind, key, document, cancellationToken) is { } invalid)
        {
            return (null, invalid);
        }

        (_, IReadOnlyList<string> tags, _) = ResourceKeys.Read(document);
        string stored = ValidatedWriter.WithoutTags(document);
        StoredResource? current = await store.GetAsync(kind, key, cancellationToken);
        ServiceProblem? forbidden = current switch
        {
            null => ResourceAccess.MayCreate(caller, kind),
            { Archived: true } => ServiceProblems.Archived(ResourceKindNames.Name(kind), ResourceKindNames.Segment(kind), key, current.Version),
            _ => ResourceAccess.MayUpdate(caller, kind, current.Document, stored),
        };
        return forbidden is not null
            ? (null, forbidden)
            : (new ScheduledWrite(kind, key, current is null ? "create" : "update", stored, tags, current, document, null, null), null);
    }
}
