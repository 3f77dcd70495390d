using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace FailSmart.Server.Errors;

/// <summary>
/// Long URLs (414) and large header sections (431) are refused by FailSmart with ProblemDetails, not by
/// Kestrel with an empty body: Kestrel's own limits are set well above FailSmart's, so the app sees the
/// request first. Only beyond Kestrel's limits (64 KiB each) does Kestrel still answer without a body.
/// </summary>
internal sealed class RequestSizeLimits(RequestDelegate next)
{
    /// <summary>The longest request target (path and query) FailSmart reads.</summary>
    public const int MaxRequestTargetBytes = 8 * 1024;

    /// <summary>The largest header section FailSmart reads (names and values).</summary>
    public const int MaxHeaderBytes = 32 * 1024;

    /// <summary>Kestrel's own limits, which it enforces before any middleware runs.</summary>
    public const int KestrelLimitBytes = 64 * 1024;

    public static void Configure(KestrelServerLimits limits)
    {
        limits.MaxRequestLineSize = KestrelLimitBytes;
        limits.MaxRequestHeadersTotalSize = KestrelLimitBytes;
    }

    /// <summary>
    /// Header values are read as UTF-8 with invalid bytes replaced, so a key with stray bytes reaches
    /// authentication (and gets its 401) instead of Kestrel's bare 400.
    /// </summary>
    public static Encoding HeaderEncoding { get; } = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: false);

    public async Task InvokeAsync(HttpContext http, IProblemDetailsService problems)
    {
        string target = http.Features.Get<IHttpRequestFeature>()?.RawTarget is { Length: > 0 } raw
            ? raw
            : http.Request.Path.Value + http.Request.QueryString.Value;
        int headerBytes = 0;
        foreach (KeyValuePair<string, Microsoft.Extensions.Primitives.StringValues> header in http.Request.Headers)
        {
            foreach (string? value in header.Value)
            {
                headerBytes += header.Key.Length + 4 + Encoding.UTF8.GetByteCount(value ?? "");
            }
        }

        (int status, string title, string detail)? refusal =
            Encoding.UTF8.GetByteCount(target) > MaxRequestTargetBytes
                ? (StatusCodes.Status414UriTooLong, "The URL is too long.",
                    $"The path and query are longer than {MaxRequestTargetBytes / 1024} KiB. Send fewer or shorter query values; filters that do not fit belong in a request body.")
                : headerBytes > MaxHeaderBytes
                    ? (StatusCodes.Status431RequestHeaderFieldsTooLarge, "The request headers are too large.",
                        $"The headers add up to more than {MaxHeaderBytes / 1024} KiB. Send fewer or shorter headers (an API key is under 80 bytes).")
                    : null;
        if (refusal is not { } r)
        {
            await next(http);
            return;
        }

        http.Response.StatusCode = r.status;
        await problems.WriteAsync(new ProblemDetailsContext
        {
            HttpContext = http,
            ProblemDetails = { Status = r.status, Title = r.title, Detail = r.detail },
        });
    }
}
