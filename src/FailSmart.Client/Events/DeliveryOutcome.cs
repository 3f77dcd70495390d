namespace FailSmart.Client.Events;

/// <summary>What happened to one batch sent to the server.</summary>
internal readonly record struct DeliveryOutcome(DeliveryResult Result, int Accepted, int Duplicates, int Rejected, string? Reason, TimeSpan? RetryAfter, bool KeyRefused = false)
{
    public static DeliveryOutcome Retry(string reason, TimeSpan? retryAfter = null, bool keyRefused = false) =>
        new(DeliveryResult.Retry, 0, 0, 0, reason, retryAfter, keyRefused);
}

internal enum DeliveryResult
{
    /// <summary>The server stored the batch (2xx); some events may have been rejected individually.</summary>
    Stored,

    /// <summary>Not stored: keep the batch and try again later.</summary>
    Retry,

    /// <summary>The server refused the whole batch as invalid: retrying cannot help.</summary>
    Refused,
}
