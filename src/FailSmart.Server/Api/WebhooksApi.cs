using FailSmart.Application.Problems;
using FailSmart.Application.Webhooks;
using FailSmart.Protocol.Admin;
using FailSmart.Storage.Config;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1/webhooks`: receivers of audit events (secret shown once), their delivery log, and a test ping.</summary>
internal static class WebhooksApi
{
    public static RouteGroupBuilder MapWebhooksApi(this RouteGroupBuilder api)
    {
        RouteGroupBuilder group = api.MapGroup("/webhooks").WithTags("Webhooks");
        group.MapGet("/", ListAsync).WithName("ListWebhooks").WithSummary("Every webhook, oldest first, without secrets.").Produces<List<WebhookResponse>>();
        group.MapPost("/", CreateAsync).WithName("CreateWebhook").WithMetadata(StrictJsonBody.For<WebhookCreateRequest>("url", "events"))
            .WithMetadata(new RequestBodyDocs(nameof(WebhookCreateRequest), """{"url": "https://hooks.example.com/failsmart", "events": ["rollout.*", "schedule.*"]}"""))
            .WithSummary("Creates a webhook; its signing secret is in this answer only. Deliveries are signed with HMAC-SHA256 (FailSmart-Signature) and retried with backoff.")
            .Produces<WebhookCreatedResponse>(StatusCodes.Status201Created).ProducesValidationProblem();
        group.MapGet("/{id}", GetAsync).WithName("GetWebhook").WithSummary("One webhook, without its secret.")
            .Produces<WebhookResponse>().ProducesProblem(StatusCodes.Status404NotFound);
        group.MapDelete("/{id}", DeleteAsync).WithName("DeleteWebhook").WithSummary("Deletes a webhook at once, with its pending deliveries and log.")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/{id}/test", TestAsync).WithName("TestWebhook").WithSummary("Queues a ping to the webhook; watch it in the delivery log.")
            .Produces<WebhookDeliveryResponse>(StatusCodes.Status202Accepted).ProducesProblem(StatusCodes.Status404NotFound);
        group.MapGet("/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("The delivery log: deliveries and every attempt, newest first.")
            .Produces<WebhookDeliveryLogResponse>().ProducesValidationProblem().ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(IWebhookService webhooks, HttpContext http) =>
        Answer(await webhooks.ListAsync(ApiCaller.From(http), http.RequestAborted), list => TypedResults.Ok(list.Select(ToResponse).ToList()));

    private static async Task<IResult> CreateAsync(WebhookCreateRequest request, IWebhookService webhooks, HttpContext http) =>
        Answer(await webhooks.CreateAsync(ApiCaller.From(http), request.Url, request.Events, http.RequestAborted),
            created => TypedResults.Created($"/api/v1/webhooks/{created.Webhook.Id}", new WebhookCreatedResponse(ToResponse(created.Webhook), created.Secret)));

    private static async Task<IResult> GetAsync(string id, IWebhookService webhooks, HttpContext http) =>
        Answer(await webhooks.GetAsync(ApiCaller.From(http), id, http.RequestAborted), webhook => TypedResults.Ok(ToResponse(webhook)));

    private static async Task<IResult> DeleteAsync(string id, IWebhookService webhooks, HttpContext http) =>
        Answer(await webhooks.DeleteAsync(ApiCaller.From(http), id, http.RequestAborted), _ => TypedResults.NoContent());

    private static async Task<IResult> TestAsync(string id, IWebhookService webhooks, HttpContext http) =>
        Answer(await webhooks.SendTestAsync(ApiCaller.From(http), id, http.RequestAborted),
            delivery => TypedResults.Accepted($"/api/v1/webhooks/{id}/deliveries", ToResponse(delivery)));

    private static async Task<IResult> DeliveriesAsync(string id, int? limit, IWebhookService webhooks, HttpContext http) =>
        Answer(await webhooks.DeliveriesAsync(ApiCaller.From(http), id, limit ?? 50, http.RequestAborted),
            log => TypedResults.Ok(new WebhookDeliveryLogResponse(
                [.. log.Deliveries.Select(ToResponse)],
                [.. log.Attempts.Select(a => new WebhookAttemptResponse(a.DeliveryId, a.Event, a.AuditId, a.Attempt, a.At, a.StatusCode, a.Error, a.Delivered))])));

    private static IResult Answer<T>(ServiceResult<T> result, Func<T, IResult> ok) =>
        result.Problem is { } problem ? ApiProblems.From(problem) : ok(result.Value!);

    private static WebhookResponse ToResponse(WebhookRecord webhook) =>
        new(webhook.Id, webhook.Url, webhook.Events, webhook.Enabled, webhook.CreatedBy, webhook.CreatedAt);

    private static WebhookDeliveryResponse ToResponse(WebhookDelivery delivery) =>
        new(delivery.Id, delivery.Event, delivery.AuditId, delivery.Attempts, delivery.Status.ToString().ToLowerInvariant(), delivery.NextAttemptAt,
            delivery.LastStatusCode, delivery.LastError, delivery.CreatedAt, delivery.UpdatedAt);
}
