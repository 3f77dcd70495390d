using FailSmart.Application.Accounts;
using FailSmart.Application.ApiKeys;
using FailSmart.Application.Approvals;
using FailSmart.Application.Audit;
using FailSmart.Application.Configuration;
using FailSmart.Application.Explain;
using FailSmart.Application.Insights;
using FailSmart.Application.Rollouts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

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
        services.AddSingleton<Collisions.CollisionGate>();
        services.AddSingleton<Collisions.ICollisionService, Collisions.CollisionService>();
        services.AddSingleton<Results.IExperimentListService, Results.ExperimentListService>();
        services.AddSingleton<ResourceService>();
        services.AddSingleton<IResourceService>(sp => sp.GetRequiredService<ResourceService>());
        services.AddSingleton<IApiKeyService, ApiKeyService>();
        services.AddSingleton<IAuditService, AuditService>();
        services.AddSingleton<IExplainService, ExplainService>();
        services.AddSingleton<Environments.IEnvironmentService, Environments.EnvironmentService>();
        services.AddSingleton<IApprovalService, ApprovalService>();
        services.AddSingleton<Features.IFeatureService, Features.FeatureService>();
        services.AddSingleton<Investment.IInvestmentService, Investment.InvestmentService>();
        services.AddSingleton<Populations.IPopulationService, Populations.PopulationService>();
        services.AddSingleton<Features.FeatureDecider>();
        services.AddOptions<Features.FeatureGateOptions>().BindConfiguration(Features.FeatureGateOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<Features.FeatureGateOptions>, Features.FeatureGateOptionsValidation>();
        services.AddSingleton<Maintenance.IMaintenanceReviewService, Maintenance.MaintenanceReviewService>();
        services.AddOptions<RolloutPolicyOptions>()
            .BindConfiguration(RolloutPolicyOptions.SectionName)
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<RolloutPolicyOptions>, RolloutPolicyOptionsValidation>();
        // A host or a test may bring its own policy by registering it first.
        services.TryAddSingleton<IRolloutPolicy, GuardedRolloutPolicy>();

        // Rollouts run on the host's clock unless the host gives them their own (a fast one for tests and demos).
        services.TryAddKeyedSingleton(RolloutClock.Key, (sp, _) => sp.GetRequiredService<TimeProvider>());
        services.TryAddSingleton<RolloutEngineOptions>();
        services.AddSingleton<RolloutWriter>();
        services.AddSingleton<IRolloutEngine, RolloutEngine>();
        services.AddSingleton<IRolloutService, RolloutService>();
        services.AddSingleton<Schedules.ScheduledWrites>();
        services.AddSingleton<Schedules.ScheduleAuthors>();
        services.AddSingleton<Schedules.IScheduleService, Schedules.ScheduleService>();
        services.AddSingleton<Schedules.IScheduleRunner, Schedules.ScheduleRunner>();
        services.AddOptions<Schedules.ScheduleRunnerOptions>();
        services.AddSingleton<Webhooks.IWebhookService, Webhooks.WebhookService>();
        services.AddSingleton<Experiments.LaunchChecks>();
        services.AddSingleton<Experiments.IExperimentLaunchService, Experiments.ExperimentLaunchService>();
        services.AddFlagInsights();
        services.AddSingleton<Learning.ILessonService, Learning.LessonService>();
        services.AddSingleton<Learning.IGlossaryService, Learning.GlossaryService>();
        return services;
    }
}
