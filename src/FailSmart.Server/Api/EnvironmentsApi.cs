using FailSmart.Storage;

namespace FailSmart.Server.Api;

/// <summary>`GET /api/v1/environments`.</summary>
internal static class EnvironmentsApi
{
    public static RouteGroupBuilder MapEnvironmentsApi(this RouteGroupBuilder api)
    {
        api.MapGet("/environments", async (IConfigStore store, CancellationToken cancellationToken) =>
                TypedResults.Ok(await store.ListEnvironmentKeysAsync(cancellationToken)))
            .WithTags("Environments").WithName("ListEnvironments").WithSummary("The environments, in order (development, staging, production at first start).");
        return api;
    }
}
