namespace FailSmart.Application.Webhooks;

/// <summary>How webhooks are delivered: bound from the "Webhooks" configuration section.</summary>
public sealed class WebhookOptions
{
    public const string SectionName = "Webhooks";

    /// <summary>How often the dispatcher reads new audit entries and sends due deliveries.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Attempts before a delivery is marked failed.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>The wait after the first failed attempt; it doubles after each further one.</summary>
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Up to this share of the wait is added at random, so receivers that come back are not hit by every retry at once.</summary>
    public double Jitter { get; set; } = 0.2;

    /// <summary>How long a receiver has to answer one attempt.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);
}
