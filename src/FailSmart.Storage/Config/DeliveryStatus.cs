namespace FailSmart.Storage.Config;

/// <summary>Where a webhook delivery is. Stored as lower-case names.</summary>
public enum DeliveryStatus
{
    /// <summary>Not yet delivered; tried again at <see cref="WebhookDelivery.NextAttemptAt"/>.</summary>
    Pending,

    /// <summary>The receiver answered 2xx.</summary>
    Delivered,

    /// <summary>Every attempt failed; it is not tried again.</summary>
    Failed,
}
