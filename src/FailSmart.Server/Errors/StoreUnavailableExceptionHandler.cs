using System.Data.Common;
using FailSmart.Storage;
using Microsoft.AspNetCore.Diagnostics;

namespace FailSmart.Server.Errors;

/// <summary>
/// A store that does not answer (PostgreSQL or ClickHouse restarting, a network blip) is not a fault in
/// FailSmart or in the request: it answers 503 with Retry-After, so clients and load balancers retry, and
/// nothing was stored. Anything else falls through to <see cref="UnhandledExceptionHandler"/>.
/// </summary>
internal sealed class StoreUnavailableExceptionHandler(IProblemDetailsService problemDetails, ILogger<StoreUnavailableExceptionHandler> logger) : IExceptionHandler
{
    /// <summary>Seconds a client should wait before retrying.</summary>
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsStoreAway(exception))
        {
            return false;
        }

        ServerLog.StoreUnavailable(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "A store FailSmart needs is not answering.",
                Detail = $"Nothing was changed or stored. Retry in {RetryAfterSeconds} seconds; GET /health names the store that is away.",
            },
        });
    }

    // A transient StorageException is the stores' own word for "did not answer"; a transient DbException is the
    // ADO.NET provider's (Npgsql marks a refused or broken connection so), wrapped or not.
    private static bool IsStoreAway(Exception exception)
    {
        for (Exception? e = exception; e is not null; e = e.InnerException)
        {
            if (e is StorageException { IsTransient: true } or DbException { IsTransient: true })
            {
                return true;
            }
        }

        return false;
    }
}
