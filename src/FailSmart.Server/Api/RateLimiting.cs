using System.Globalization;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace FailSmart.Server.Api;

/// <summary>
/// The "public" rate-limit policy: a fixed window per API key, or per client address without one.
/// The key is its id from authentication (which runs first), never the header text: "bearer" instead of
/// "Bearer", or X-API-Key instead of Authorization, must not open a fresh window for the same key.
/// Rejections are 429 ProblemDetails with Retry-After.
/// </summary>
internal static class RateLimiting
{
    public const string PublicPolicy = "public";

    public static IServiceCollection AddFailSmartRateLimiting(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.SectionName);
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(PublicPolicy, context =>
            {
                RateLimitOptions limits = context.RequestServices.GetRequiredService<IOptions<RateLimitOptions>>().Value;
                string partition = context.User.FindFirst(Auth.FailSmartClaims.KeyId)?.Value is { } keyId
                    ? "key:" + keyId
                    : "ip:" + context.Connection.RemoteIpAddress;
                return RateLimitPartition.GetFixedWindowLimiter(partition, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitsPerWindow,
                    Window = TimeSpan.FromSeconds(limits.WindowSeconds),
                    QueueLimit = 0,
                });
            });
            options.OnRejected = async (context, cancellationToken) =>
            {
                HttpContext http = context.HttpContext;
                TimeSpan retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : TimeSpan.FromSeconds(1);
                int seconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
                http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
                http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
                await http.RequestServices.GetRequiredService<IProblemDetailsService>().WriteAsync(new ProblemDetailsContext
                {
                    HttpContext = http,
                    ProblemDetails =
                    {
                        Status = StatusCodes.Status429TooManyRequests,
                        Title = "Too many requests.",
                        Detail = $"This key sent more requests than its limit allows. Retry after {seconds} s, or evaluate locally with a server SDK.",
                    },
                });
            };
        });
        return services;
    }
}
