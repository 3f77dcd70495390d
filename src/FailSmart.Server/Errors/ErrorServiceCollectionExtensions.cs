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
        });
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<UnhandledExceptionHandler>();
        return services;
    }
}
