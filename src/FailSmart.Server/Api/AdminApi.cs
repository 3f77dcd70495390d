using FailSmart.Application.Results;
using FailSmart.Server.Auth;
using FailSmart.Server.Results;
using FailSmart.Server.Results.Representativeness;

namespace FailSmart.Server.Api;

/// <summary>`/api/v1`: the admin API, for admin keys only, rate-limited.</summary>
internal static class AdminApi
{
    public static IEndpointRouteBuilder MapAdminApi(this IEndpointRouteBuilder endpoints)
    {
        RouteGroupBuilder api = endpoints.MapGroup("/api/v1")
            .RequireAuthorization(FailSmartPolicies.Admin)
            .RequireRateLimiting(RateLimiting.PublicPolicy)
            .WithMetadata(new StrictJsonBody())
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status403Forbidden)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapEnvironmentsApi();
        api.MapResourcesApi();
        api.MapFlagToggleApi();
        api.MapApiKeysApi();
        api.MapAuditApi();
        api.MapCollisionsApi();
        api.MapAccountsApi();
        api.MapChangeRequestsApi();
        api.MapResultsApi();
        api.MapResultsTimelineApi();
        api.MapMetricBaselineApi();
        api.MapHoldoutResultsApi();
        api.MapRolloutsApi();
        api.MapExperimentLaunchApi();
        api.MapSchedulesApi();
        api.MapWebhooksApi();
        api.MapFeaturesApi();
        api.MapFlagInsightsApi();
        api.MapLessonsApi();
        api.MapGlossaryApi();
        api.MapInvestmentApi();
        api.MapFeatureDecisionsApi();
        api.MapMaintenanceApi();
        api.MapPopulationsApi();
        api.MapRepresentativenessApi();
        return endpoints;
    }

    public static IServiceCollection AddAdminApi(this IServiceCollection services)
    {
        services.AddHttpContextAccessor();
        services.AddSingleton<Sync.StreamHeartbeat>();
        services.AddSingleton<Sync.RevisionListener>();
        services.AddHostedService(sp => sp.GetRequiredService<Sync.RevisionListener>());
        services.AddHostedService<Sync.RevisionPoller>();
        services.AddSingleton<Sync.RuleSetCache>();
        services.AddOptions<Sync.SyncOptions>().BindConfiguration(Sync.SyncOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<ResultsCache>();
        services.AddSingleton<SharedResults>();
        services.AddSingleton<ResultsService>();
        services.AddSingleton<ResultsTimelines>();
        services.AddSingleton<MetricBaselines>();
        services.AddSingleton<IExperimentResultsService, ExperimentResultsService>();
        services.AddSingleton<FailSmart.Application.Holdouts.IHoldoutResultsService, HoldoutResultsService>();
        services.AddOptions<ResultsOptions>().BindConfiguration(ResultsOptions.SectionName);
        services.AddHostedService<ResultsRefresher>();
        services.AddSingleton<IRepresentativenessService, RepresentativenessService>();
        return services;
    }
}
