using FailSmart.Storage;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace FailSmart.Server.Health;

/// <summary>`GET /health`: 200 with each store's status when all answer, 503 otherwise.</summary>
internal static class HealthEndpoints
{
    public static IServiceCollection AddFailSmartHealth(this IServiceCollection services)
    {
        services.AddHealthChecks()
            .AddCheck<StoreHealthCheck<IConfigStore>>("config")
            .AddCheck<StoreHealthCheck<IEventStore>>("events");
        return services;
    }

    public static IEndpointRouteBuilder MapFailSmartHealth(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/health", GetHealthAsync)
            .WithName("GetHealth")
            .WithTags("Operations")
            .WithSummary("Whether the server and each of its stores answer.")
            .Produces<HealthResponse>(StatusCodes.Status503ServiceUnavailable);
        return endpoints;
    }

    private static async Task<Results<Ok<HealthResponse>, JsonHttpResult<HealthResponse>>> GetHealthAsync(
        HealthCheckService healthChecks, HttpContext context, CancellationToken cancellationToken)
    {
        HealthReport report = await healthChecks.CheckHealthAsync(cancellationToken);
        context.Response.Headers.CacheControl = "no-store";
        var body = new HealthResponse(
            report.Status.ToString(),
            [.. report.Entries.Select(e => new StoreStatus(
                e.Key,
                e.Value.Data.TryGetValue("provider", out object? p) ? p.ToString() ?? "" : "",
                e.Value.Status.ToString(),
                e.Value.Data.TryGetValue("schemaVersion", out object? v) && v is int version ? version : 0,
                e.Value.Description))]);
        return report.Status == HealthStatus.Healthy
            ? TypedResults.Ok(body)
            : TypedResults.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }
}
