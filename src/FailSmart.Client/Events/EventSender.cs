using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text.Json;
using FailSmart.Client.Diagnostics;
using FailSmart.Client.Sync;
using FailSmart.Protocol.Events;

namespace FailSmart.Client.Events;

/// <summary>Sends one batch to `POST /events/v1/batch` and classifies the answer: stored, retry, or refused.</summary>
internal sealed class EventSender(HttpClient http, TimeSpan timeout, TimeProvider time)
{
    public async Task<DeliveryOutcome> SendAsync(IReadOnlyList<IngestEvent> batch, CancellationToken cancellationToken)
    {
        using Activity? activity = FailSmartTelemetry.Source.StartActivity("failsmart.events.send", ActivityKind.Client);
        activity?.SetTag("failsmart.events.count", batch.Count);
        try
        {
            using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            cts.CancelAfter(timeout);
            byte[] body = JsonSerializer.SerializeToUtf8Bytes(batch.ToArray(), ClientJsonContext.Default.IngestEventArray);
            using var content = new ByteArrayContent(body);
            content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
            using HttpResponseMessage response = await http.PostAsync(ServerEndpoints.EventBatch, content, cts.Token);
            int status = (int)response.StatusCode;
            if (response.IsSuccessStatusCode)
            {
                IngestResponse? answer = await ReadAnswerAsync(response, cts.Token);
                // 2xx means stored; an unreadable answer still means the events are safe.
                return answer is null
                    ? new DeliveryOutcome(DeliveryResult.Stored, batch.Count, 0, 0, null, null)
                    : new DeliveryOutcome(DeliveryResult.Stored, answer.Accepted, answer.Duplicates, answer.Rejected.Count, answer.Rejected.Count > 0 ? answer.Rejected[0].Reason : null, null);
            }

            TimeSpan? retryAfter = RetryDelay.FromRetryAfter(response.Headers.RetryAfter, time.GetUtcNow());
            return status switch
            {
                401 or 403 => DeliveryOutcome.Retry($"the server refused the server key (HTTP {status})", retryAfter, keyRefused: true),
                404 => DeliveryOutcome.Retry("HTTP 404: the server does not accept events at /events/v1/batch yet", retryAfter),
                408 or 429 or >= 500 => DeliveryOutcome.Retry($"HTTP {status}", retryAfter),
                _ => new DeliveryOutcome(DeliveryResult.Refused, 0, 0, batch.Count, $"HTTP {status}: " + await ReadTextAsync(response, cts.Token), null),
            };
        }
        catch (Exception e) when (e is HttpRequestException or IOException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return DeliveryOutcome.Retry(SyncFailure.Describe(e));
        }
    }

    private static async Task<IngestResponse?> ReadAnswerAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            await using Stream stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            return await JsonSerializer.DeserializeAsync(stream, ClientJsonContext.Default.IngestResponse, cancellationToken);
        }
        catch (Exception e) when (e is JsonException or IOException or HttpRequestException)
        {
            return null;
        }
    }

    private static async Task<string> ReadTextAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        string text = await response.Content.ReadAsStringAsync(cancellationToken);
        return text.Length > 300 ? text[..300] : text;
    }
}
