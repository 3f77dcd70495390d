using System.Text.Json;
using FailSmart.Protocol.Admin;
using FailSmart.Protocol.Events;
using FailSmart.Server.Auth;
using FailSmart.Server.Sync;
using FailSmart.Storage;
using FailSmart.Storage.Events;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Events;

/// <summary>
/// `POST /events/v1/batch`: exposures and metric events from SDKs. Valid events are stored, invalid ones
/// are reported by position (a batch whose every event is refused is a 422), and the 2xx answer is sent only after the store committed the write, so an
/// acknowledged event survives a crash. Event ids make retries harmless.
/// </summary>
internal static class EventIngestionApi
{
    public static IEndpointRouteBuilder MapEventIngestionApi(this IEndpointRouteBuilder endpoints, long maxBatchBytes)
    {
        endpoints.MapPost("/events/v1/batch", IngestAsync)
            .WithTags("Events").WithName("IngestEvents")
            .WithSummary("Stores a JSON array (or NDJSON) of exposures and metric events; answers after a durable write, listing any rejected event with its index and reason.")
            .RequireAuthorization(FailSmartPolicies.ServerSdk)
            .RequireRateLimiting(Api.RateLimiting.PublicPolicy)
            .WithMetadata(new RequestSizeLimitAttribute(maxBatchBytes))
            .Accepts<IngestEvent[]>("application/json", "application/x-ndjson")
            .WithMetadata(new Api.RequestBodyDocs(null, """
                [{"id": "5f0c2a9e-6f1d-4c1e-9a57-3d7e1b2c4a10", "type": "exposure", "unitId": "u-42", "timestamp": "2026-11-26T10:00:00Z", "experiment": "button-copy", "variation": "green"},
                 {"id": "91aa7c3e-2b4f-4d8a-8e1c-0f5b6a7d9e21", "type": "event", "unitId": "u-42", "timestamp": "2026-11-26T10:03:00Z", "event": "purchase", "value": 31.5}]
                """))
            .Produces<IngestResponse>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        return endpoints;
    }

    private static async Task<IResult> IngestAsync(
        HttpContext http, IEventStore store, RuleSetCache rules, IOptions<IngestOptions> options, TimeProvider time, CancellationToken cancellationToken)
    {
        IngestOptions limits = options.Value;
        using PooledBody body = await PooledBody.ReadAsync(http.Request, cancellationToken);
        bool ndjson = http.Request.ContentType?.Contains("ndjson", StringComparison.OrdinalIgnoreCase) == true;
        var (documents, error) = EventBatchReader.Split(body.Memory, ndjson);
        if (documents is null)
        {
            return Api.ApiProblems.Invalid("$", error!, "Send [{\"id\": \"…\", \"type\": \"event\", \"unitId\": \"…\", \"timestamp\": \"…\", \"event\": \"purchase\"}].");
        }

        using BatchDocuments parsed = documents;
        List<JsonElement> elements = parsed.Elements;
        if (elements.Count == 0 || elements.Count > limits.MaxEventsPerBatch)
        {
            return Api.ApiProblems.Invalid("$", $"A batch holds 1 to {limits.MaxEventsPerBatch} events; this one has {elements.Count}.", "Split large batches.");
        }

        string environment = SdkSyncApi.EnvironmentOf(http.User);
        // An experiment created a moment ago on another replica is not refused for good.
        (EventBatchReader reader, _) = await ConfigurationReread.CheckAsync(rules, environment, ruleSet =>
        {
            var read = new EventBatchReader(limits, ruleSet.Evaluator.Configuration, environment, time.GetUtcNow());
            read.Read(elements);
            return Task.FromResult((read, read.RefusedForConfiguration));
        }, cancellationToken);

        EventBatch batch = reader.Batch;
        int accepted = 0;
        int? duplicates = null; // set by the append; a batch with nothing to append is refused whole below
        if (batch.Exposures.Count + batch.MetricEvents.Count > 0)
        {
            // Not cancelled by the client: once started, the write completes and the events stay stored.
            AppendResult result = await store.AppendAsync(batch, CancellationToken.None);
            // ClickHouse removes duplicates at query time and cannot count them here (null): all count as
            // accepted, and the answer leaves duplicates out rather than claim there were none.
            duplicates = result.DuplicatesIgnored;
            accepted = result.Exposures + result.MetricEvents - (duplicates ?? 0);
        }

        if (reader.Rejected.Count == elements.Count)
        {
            return WhollyRefused(reader.Rejected);
        }

        return TypedResults.Ok(new IngestResponse(
            accepted, duplicates, reader.Rejected, duplicates is null ? IngestResponse.AtQuery : IngestResponse.AtWrite));
    }

    /// <summary>
    /// Every event refused: a 422, so a sender that checks only the status cannot take it for success and
    /// drop the batch. <c>rejected</c> has the same shape as in a 200 answer.
    /// </summary>
    private static ProblemHttpResult WhollyRefused(IReadOnlyList<RejectedEvent> rejected)
    {
        RejectedEvent first = rejected[0];
        return TypedResults.Problem(
            title: "No event of the batch was accepted.",
            detail: $"All {rejected.Count} events were refused; the first, at index {first.Index}: {first.Reason} Fix the events listed in rejected and send them again.",
            statusCode: StatusCodes.Status422UnprocessableEntity,
            extensions: new Dictionary<string, object?>
            {
                ["rejected"] = rejected,
                ["errors"] = rejected.Select(r => new FieldProblem($"$[{r.Index}]", r.Reason)).ToList(),
            });
    }
}
