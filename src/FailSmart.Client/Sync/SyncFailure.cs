namespace FailSmart.Client.Sync;

/// <summary>A failed exchange with the server, classified: what to say, and how long to wait.</summary>
internal sealed class SyncFailure(string reason, int status = 0, TimeSpan? retryAfter = null) : Exception(reason)
{
    public int Status { get; } = status;

    /// <summary>The server refused the key: retry only after a long delay, and say so once.</summary>
    public bool KeyRefused => Status is 401 or 403;

    public TimeSpan? RetryAfter { get; } = retryAfter;

    public static SyncFailure FromResponse(HttpResponseMessage response, DateTimeOffset now)
    {
        int status = (int)response.StatusCode;
        string reason = status switch
        {
            401 or 403 => $"the server refused the server key (HTTP {status})",
            404 => "HTTP 404: check FailSmart:ServerUrl points at a FailSmart server",
            429 => "the server is rate limiting (HTTP 429)",
            >= 500 => $"the server failed (HTTP {status})",
            _ => $"unexpected HTTP {status}",
        };
        return new SyncFailure(reason, status, RetryDelay.FromRetryAfter(response.Headers.RetryAfter, now));
    }

    /// <summary>Describes a transport failure (refused connection, timeout, broken stream) without leaking internals.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        SyncFailure failure => failure.Message,
        OperationCanceledException => "the request timed out",
        HttpRequestException http when http.HttpRequestError != HttpRequestError.Unknown => "the server is unreachable (" + http.HttpRequestError + ")",
        HttpRequestException => "the server is unreachable",
        IOException => "the connection broke",
        _ => exception.GetType().Name,
    };
}
