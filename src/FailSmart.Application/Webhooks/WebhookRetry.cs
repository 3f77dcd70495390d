namespace FailSmart.Application.Webhooks;

/// <summary>Exponential backoff with jitter between delivery attempts.</summary>
public static class WebhookRetry
{
    /// <summary>
    /// The wait after failed attempt <paramref name="attempt"/> (1 for the first): the first delay doubled
    /// for each attempt after the first, plus up to <see cref="WebhookOptions.Jitter"/> of it at random
    /// (<paramref name="unitRandom"/> in [0, 1)).
    /// </summary>
    public static TimeSpan Delay(WebhookOptions options, int attempt, double unitRandom)
    {
        ArgumentNullException.ThrowIfNull(options);
        double factor = Math.Pow(2, Math.Clamp(attempt - 1, 0, 30));
        return options.FirstRetryDelay * factor * (1 + (options.Jitter * unitRandom));
    }
}
