using System.Text.Json;
using System.Text.Json.Nodes;
using FailSmart.Cli.Commands;

namespace FailSmart.Cli.ConfigAsCode;

/// <summary>
/// Finds, for each change in the plan, a pending change request that already asks for it (same resource,
/// same action, same document), so applying a file again while an approval is outstanding reports that
/// request instead of filing a second one.
/// </summary>
internal static class PendingRequests
{
    public static async Task<(IReadOnlyList<PlanStep>? Steps, ApiExchange? Failure)> MatchAsync(
        AdminApiClient client, IReadOnlyList<PlanStep> steps, CancellationToken cancellationToken)
    {
        var matched = new List<PlanStep>(steps.Count);
        foreach (PlanStep step in steps)
        {
            if (!step.IsChange)
            {
                matched.Add(step);
                continue;
            }

            string path = $"/api/v1/change-requests?status=pending&kind={step.Ref.Section}&key={Uri.EscapeDataString(step.Ref.Key)}&limit=200";
            ApiExchange answer = await client.ExchangeAsync(HttpMethod.Get, path, null, cancellationToken);
            using JsonDocument? list = answer.IsSuccess ? answer.Json() : null;
            if (list is null || list.RootElement.ValueKind != JsonValueKind.Array)
            {
                return (null, answer);
            }

            long? same = list.RootElement.EnumerateArray().Where(request => Asks(request, step)).Select(request => (long?)request.GetProperty("id").GetInt64()).Min();
            matched.Add(same is null ? step : step with { PendingRequest = same });
        }

        return (matched, null);
    }

    private static bool Asks(JsonElement request, PlanStep step)
    {
        if (request.GetProperty("action").GetString() != step.Verb)
        {
            return false;
        }

        if (step.Action is PlanAction.Archive or PlanAction.Unarchive)
        {
            return true; // nothing else to compare: the request takes the resource out, or brings it back as it was
        }

        // The server keeps a request's document without its tags.
        var proposed = (JsonObject)step.Body!.DeepClone();
        proposed.Remove("tags");
        return request.TryGetProperty("document", out JsonElement document) && document.ValueKind == JsonValueKind.Object
            && JsonNode.DeepEquals(JsonNode.Parse(document.GetRawText()), proposed);
    }
}
