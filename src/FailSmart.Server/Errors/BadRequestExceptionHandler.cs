using Microsoft.AspNetCore.Diagnostics;

namespace FailSmart.Server.Errors;

/// <summary>
/// Turns a request the framework could not read (malformed JSON, wrong types, a body too large) into
/// a 4xx ProblemDetails that says what to fix, instead of a 500.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException bad)
        {
            return false;
        }

        httpContext.Response.StatusCode = bad.StatusCode;
        long? limit = httpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>()?.MaxRequestBodySize;
        string detail = bad.StatusCode == StatusCodes.Status413PayloadTooLarge && limit is { } bytes
            ? $"The request body is larger than the {bytes / 1024} KiB this endpoint accepts. Split it into smaller requests."
            : $"{(bad.InnerException ?? bad).Message} Check the request against the API reference at /scalar.";
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails =
            {
                Status = bad.StatusCode,
                Title = bad.StatusCode == StatusCodes.Status413PayloadTooLarge ? "The request body is too large." : "The request could not be read.",
                Detail = detail,
            },
        });
    }
}
