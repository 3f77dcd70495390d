namespace FailSmart.Application.Webhooks;

/// <summary>A webhook's delivery log: its deliveries and every attempt, newest first.</summary>
public sealed record WebhookLog(IReadOnlyList<Storage.Config.WebhookDelivery> Deliveries, IReadOnlyList<Storage.Config.DeliveryAttempt> Attempts);
