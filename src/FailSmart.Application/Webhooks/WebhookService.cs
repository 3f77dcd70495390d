using System.Security.Cryptography;
using System.Text.RegularExpressions;
using FailSmart.Application.Access;
using FailSmart.Application.Problems;
using FailSmart.Protocol.Admin;
using FailSmart.Storage;
using FailSmart.Storage.Config;

namespace FailSmart.Application.Webhooks;

internal sealed partial class WebhookService(IWebhookStore store, TimeProvider time) : IWebhookService
{
    private const int MaxUrlLength = 2000;
    private const int MaxEvents = 20;

    public async Task<ServiceResult<CreatedWebhook>> CreateAsync(Caller caller, string? url, IReadOnlyList<string>? events, CancellationToken cancellationToken = default)
    {
        if (AdminOnly(caller) is { } forbidden)
        {
            return forbidden;
        }

        var problems = new List<FieldProblem>();
        if (string.IsNullOrWhiteSpace(url))
        {
            problems.Add(new("$.url", "url is required.", "Send the receiver's address, such as https://hooks.example.com/failsmart."));
        }
        else if (url.Length > MaxUrlLength || !Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.UserInfo))
        {
            problems.Add(new("$.url", $"'{Shorten(url)}' is not an http or https URL.",
                $"Send an absolute http:// or https:// address without user name or password, at most {MaxUrlLength} characters."));
        }

        if (events is null || events.Count == 0)
        {
            problems.Add(new("$.events", "events is required: which events to send.", "Send for example [\"rollout.*\", \"schedule.*\"], or [\"*\"] for every event."));
        }
        else if (events.Count > MaxEvents)
        {
            problems.Add(new("$.events", $"{events.Count} event filters are more than {MaxEvents}.", "Use families such as \"flag.*\" instead of listing each event."));
        }
        else
        {
            for (int i = 0; i < events.Count; i++)
            {
                if (events[i] is not { } filter || !EventFilter().IsMatch(filter))
                {
                    problems.Add(new($"$.events[{i}]", $"'{Shorten(events[i] ?? "null")}' is not an event filter.",
                        "Use an event type (\"schedule.apply\"), a family (\"rollout.*\", \"flag.*\") or \"*\": lower-case letters, digits, '-' and '.'."));
                }
            }
        }

        if (problems.Count > 0)
        {
            return ServiceProblems.Invalid(problems);
        }

        string secret = "whsec_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(24));
        var webhook = new WebhookRecord(
            "wh_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)), url!, secret, [.. events!.Distinct(StringComparer.Ordinal)], true, caller.Actor, time.GetUtcNow());
        await store.CreateWebhookAsync(webhook, cancellationToken);
        return new ServiceResult<CreatedWebhook>(ServiceOutcome.Created, new CreatedWebhook(webhook, secret));
    }

    public async Task<ServiceResult<IReadOnlyList<WebhookRecord>>> ListAsync(Caller caller, CancellationToken cancellationToken = default) =>
        AdminOnly(caller) is { } forbidden
            ? forbidden
            : new ServiceResult<IReadOnlyList<WebhookRecord>>(ServiceOutcome.Unchanged, await store.ListWebhooksAsync(cancellationToken));

    public async Task<ServiceResult<WebhookRecord>> GetAsync(Caller caller, string id, CancellationToken cancellationToken = default) =>
        AdminOnly(caller) ?? (await store.GetWebhookAsync(id, cancellationToken) is { } webhook
            ? new ServiceResult<WebhookRecord>(ServiceOutcome.Unchanged, webhook)
            : ServiceProblems.NotFound("webhook", id));

    public async Task<ServiceResult<WebhookRecord>> DeleteAsync(Caller caller, string id, CancellationToken cancellationToken = default)
    {
        ServiceResult<WebhookRecord> found = await GetAsync(caller, id, cancellationToken);
        if (!found.Succeeded)
        {
            return found;
        }

        return await store.DeleteWebhookAsync(id, caller.Actor, cancellationToken)
            ? new ServiceResult<WebhookRecord>(ServiceOutcome.Changed, found.Value)
            : ServiceProblems.NotFound("webhook", id);
    }

    public async Task<ServiceResult<WebhookDelivery>> SendTestAsync(Caller caller, string id, CancellationToken cancellationToken = default)
    {
        ServiceResult<WebhookRecord> found = await GetAsync(caller, id, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Problem!;
        }

        WebhookDelivery delivery = await store.EnqueueDeliveryAsync(new NewDelivery(id, null, "ping", WebhookPayload.Ping(id, time.GetUtcNow())), cancellationToken);
        return new ServiceResult<WebhookDelivery>(ServiceOutcome.Created, delivery);
    }

    public async Task<ServiceResult<WebhookLog>> DeliveriesAsync(Caller caller, string id, int limit = 50, CancellationToken cancellationToken = default)
    {
        ServiceResult<WebhookRecord> found = await GetAsync(caller, id, cancellationToken);
        if (!found.Succeeded)
        {
            return found.Problem!;
        }

        if (limit is < 1 or > 200)
        {
            return ServiceProblems.Invalid("limit", $"limit must be between 1 and 200, not {limit}.", "Leave it out for 50.");
        }

        return new ServiceResult<WebhookLog>(ServiceOutcome.Unchanged, new WebhookLog(
            await store.ListDeliveriesAsync(id, limit, cancellationToken), await store.ListAttemptsAsync(id, limit, cancellationToken)));
    }

    private static ServiceProblem? AdminOnly(Caller caller)
    {
        ArgumentNullException.ThrowIfNull(caller);
        return caller.Role == CallerRole.Admin
            ? null
            : ServiceProblems.Forbidden("Only administrators manage webhooks: they send the configuration's history to an address of their choice. Ask an administrator.");
    }

    private static string Shorten(string text) => text.Length <= 80 ? text : text[..80] + "…";

    [GeneratedRegex("^(\\*|[a-z][a-z0-9-]*(\\.[a-z][a-z0-9-]*)*(\\.\\*)?)$", RegexOptions.CultureInvariant)]
    private static partial Regex EventFilter();
}
