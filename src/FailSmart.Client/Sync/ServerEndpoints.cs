namespace FailSmart.Client.Sync;

/// <summary>The server paths the client calls.</summary>
internal static class ServerEndpoints
{
    public static readonly Uri Config = new("sdk/v1/config", UriKind.Relative);
    public static readonly Uri Stream = new("sdk/v1/stream", UriKind.Relative);

    /// <summary>The stream with changes as patches: older servers ignore the parameter and send full rule sets.</summary>
    public static readonly Uri StreamWithDeltas = new("sdk/v1/stream?deltas=true", UriKind.Relative);
    public static readonly Uri EventBatch = new("events/v1/batch", UriKind.Relative);
    public static readonly Uri Usage = new("events/v1/usage", UriKind.Relative);
    public const string RevisionHeader = "X-FailSmart-Revision";

    /// <summary>The HTTP client for one FailSmart client: the server's address, the key, no global timeout (each call has its own).</summary>
    public static HttpClient CreateHttpClient(FailSmartClientOptions options, HttpMessageHandler? handler)
    {
        HttpMessageHandler inner = handler ?? new SocketsHttpHandler
        {
            ConnectTimeout = options.RequestTimeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(5),
        };
        string baseUrl = options.ServerUrl!.ToString();
        var http = new HttpClient(inner, disposeHandler: handler is null)
        {
            BaseAddress = new Uri(baseUrl.EndsWith('/') ? baseUrl : baseUrl + "/"),
            Timeout = Timeout.InfiniteTimeSpan,
        };
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", options.ServerKey);
        http.DefaultRequestHeaders.UserAgent.ParseAdd("FailSmart.Client/" + (typeof(ServerEndpoints).Assembly.GetName().Version?.ToString(3) ?? "0"));
        return http;
    }
}
