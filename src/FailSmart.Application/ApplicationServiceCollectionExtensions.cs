using FailSmart.Application.Accounts;
using FailSmart.Application.ApiKeys;
using FailSmart.Application.Approvals;
using FailSmart.Application.Audit;
using FailSmart.Application.Configuration;
using FailSmart.Application.Explain;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Application;

/// <summary>Registers the application services. The host registers the stores and a TimeProvider.</summary>
public static class ApplicationServiceCollectionExtensions
{
    public static IServiceCollection AddFailSmartApplication(this IServiceCollection services)
    {
        services.AddSingleton<IAccountService, AccountService>();
        services.AddSingleton<ConfigChangeNotifier>();
        services.AddSingleton<IResourceValidator, CoreResourceValidator>();
        services.AddSingleton<ValidatedWriter>();
        services.AddSingleton<ApprovalGate>();
        services.AddSingleton<ResourceService>();
        services.AddSingleton<IResourceService>(sp => sp.GetRequiredService<ResourceService>());
        services.AddSingleton<IApiKeyService, ApiKeyService>();
        services.AddSingleton<IAuditService, AuditService>();
        services.AddSingleton<IExplainService, ExplainService>();
        services.AddSingleton<Environments.IEnvironmentService, Environments.EnvironmentService>();
        services.AddSingleton<IApprovalService, ApprovalService>();
        services.AddSingleton<Schedules.ScheduledWrites>();
        services.AddSingleton<Schedules.ScheduleAuthors>();
        services.AddSingleton<Schedules.IScheduleService, Schedules.ScheduleService>();
        services.AddSingleton<Schedules.IScheduleRunner, Schedules.ScheduleRunner>();
        services.AddOptions<Schedules.ScheduleRunnerOptions>();
        services.AddSingleton<Webhooks.IWebhookService, Webhooks.WebhookService>();
        return services;
    }
}
