namespace FailSmart.Server.Errors;

/// <summary>Every error leaves the server as RFC 7807 ProblemDetails.</summary>
internal static class ErrorServiceCollectionExtensions
{
    public static IServiceCollection AddFailSmartErrors(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path;
            context.ProblemDetails.Extensions["traceId"] = context.HttpContext.TraceIdentifier;
            if (context.ProblemDetails.Detail is null)
            {
                context.ProblemDetails.Detail = context.ProblemDetails.Status switch
                {
                    StatusCodes.Status401Unauthorized =>
                        context.HttpContext.Items[Auth.ApiKeyAuthenticationHandler.FailureReasonItem] as string ?? "This endpoint needs an API key.",
                    StatusCodes.Status403Forbidden =>
                        "This API key may not call this endpoint. Admin keys manage configuration; server keys read rule sets and send events; client keys only evaluate.",
                    StatusCodes.Status404NotFound => "Nothing is here. The API reference at /scalar lists every endpoint.",
                    StatusCodes.Status413PayloadTooLarge =>
                        $"The request body is larger than the {FailSmartServer.MaxRequestBodyBytes / 1024} KiB this endpoint accepts. Split it into smaller requests.",
                    StatusCodes.Status415UnsupportedMediaType =>
                        "This endpoint does not read that Content-Type: send JSON as application/json (event batches also take application/x-ndjson; the ledger import takes only text/csv).",
                    StatusCodes.Status405MethodNotAllowed => "This endpoint does not accept that method. The API reference at /scalar lists what it accepts.",
                    _ => null,
                };
            }
        });
        // Binding failures (malformed JSON, a query value of the wrong type) become exceptions, so the
        // handler below can say exactly what could not be read instead of a bare 400.
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StoreUnavailableExceptionHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        return services;
    }
}
