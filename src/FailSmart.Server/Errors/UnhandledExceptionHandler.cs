using Microsoft.AspNetCore.Diagnostics;

namespace FailSmart.Server.Errors;

/// <summary>The last resort: logs the failure and answers 500 ProblemDetails without internal details.</summary>
internal sealed class UnhandledExceptionHandler(IProblemDetailsService problemDetails, ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        ServerLog.UnhandledError(logger, exception, httpContext.Request.Method, httpContext.Request.Path);
        httpContext.Response.StatusCode = StatusCodes.Status500InternalServerError;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "FailSmart failed to handle the request.",
                Detail = "This is a fault in FailSmart, not in your request. The server log has the details under the traceId.",
            },
        });
    }
}
