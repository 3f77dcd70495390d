using System.Globalization;
using System.Text.Json;
using FailSmart.Cli.Commands;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// Runs a plan's changes in order through the admin API. Every update, archive and unarchive carries
/// If-Match with the version the plan read, so a change someone made in between is refused (412) and never
/// overwritten. The first refusal stops the run: later steps may depend on it. A change that waits for
/// approval is reported with its change request, and so are the steps that refer to it, which are not tried.
/// </summary>
internal sealed class ConfigApplier(AdminApiClient client, IReadOnlyDictionary<string, string> headers)
{
    public async Task<IReadOnlyList<StepOutcome>> ApplyAsync(IReadOnlyList<PlanStep> steps, CancellationToken cancellationToken)
    {
        var outcomes = new List<StepOutcome>(steps.Count);
        var waiting = new HashSet<ResourceRef>();
        bool stopped = false;
        foreach (PlanStep step in steps)
        {
            if (!step.IsChange)
            {
                outcomes.Add(new StepOutcome(step, StepStatus.Planned));
            }
            else if (stopped)
            {
                outcomes.Add(new StepOutcome(step, StepStatus.NotTried));
            }
            else if (step.PendingRequest is { } known)
            {
                waiting.Add(step.Ref);
                outcomes.Add(new StepOutcome(step, StepStatus.AlreadyPending, known));
            }
            else if (step.Uses.Any(waiting.Contains))
            {
                waiting.Add(step.Ref);
                outcomes.Add(new StepOutcome(step, StepStatus.Waiting));
            }
            else
            {
                StepOutcome outcome = await RunAsync(step, cancellationToken);
                stopped = outcome.Status == StepStatus.Failed;
                if (outcome.Status == StepStatus.PendingApproval)
                {
                    waiting.Add(step.Ref);
                }

                outcomes.Add(outcome);
            }
        }

        return outcomes;
    }

    private async Task<StepOutcome> RunAsync(PlanStep step, CancellationToken cancellationToken)
    {
        string collection = "/api/v1/" + step.Ref.Section;
        string one = collection + "/" + Uri.EscapeDataString(step.Ref.Key);
        ApiExchange answer = step.Action switch
        {
            PlanAction.Create => await SendAsync(HttpMethod.Post, collection, step, null, cancellationToken),
            PlanAction.Update => await SendAsync(HttpMethod.Put, one, step, step.Version, cancellationToken),
            PlanAction.Archive => await SendAsync(HttpMethod.Delete, one, null, step.Version, cancellationToken),
            _ => await SendAsync(HttpMethod.Post, one + "/unarchive", null, step.Version, cancellationToken),
        };

        if (answer.IsSuccess && answer.Status != 202 && step.UpdateAfterUnarchive)
        {
            // Back as it was archived; now the file's version of it, at the version unarchiving gave it.
            answer = await SendAsync(HttpMethod.Put, one, step, Version(answer), cancellationToken);
        }

        return answer.Status switch
        {
            202 => new StepOutcome(step, StepStatus.PendingApproval, RequestId(answer)),
            >= 200 and < 300 => new StepOutcome(step, StepStatus.Applied),
            _ => new StepOutcome(step, StepStatus.Failed, Refusal: answer),
        };
    }

    private Task<ApiExchange> SendAsync(HttpMethod method, string path, PlanStep? withBody, long? version, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<string, string>(headers, StringComparer.OrdinalIgnoreCase);
        if (version is { } v)
        {
            sent["If-Match"] = "\"" + v.ToString(CultureInfo.InvariantCulture) + "\"";
        }

        return client.ExchangeAsync(method, path, withBody?.Body?.ToJsonString(), cancellationToken, sent);
    }

    private static long? Version(ApiExchange answer)
    {
        using JsonDocument? body = answer.Json();
        return body?.RootElement.TryGetProperty("version", out JsonElement version) == true ? version.GetInt64() : null;
    }

    private static long? RequestId(ApiExchange answer)
    {
        using JsonDocument? body = answer.Json();
        return body?.RootElement.TryGetProperty("id", out JsonElement id) == true ? id.GetInt64() : null;
    }
}
