using FailSmart.Storage.Config;

namespace FailSmart.Application.Webhooks;

/// <summary>A new webhook and its signing secret, which is shown this once.</summary>
public sealed record CreatedWebhook(WebhookRecord Webhook, string Secret);
