using FailSmart.Application.Schedules;
using FailSmart.Application.Webhooks;
using FailSmart.Server.Schedules;
using FailSmart.Storage;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace FailSmart.Server.Webhooks;

/// <summary>Registers the scheduler and the webhook dispatcher, with their stores and settings.</summary>
internal static class WebhookHostingExtensions
{
    public static IServiceCollection AddSchedulerAndWebhooks(this IServiceCollection services)
    {
        services.TryAddSingleton(TimeProvider.System);
        // Both live in the configuration store, so they follow its provider.
        services.AddSingleton(sp => (IScheduleStore)sp.GetRequiredService<IConfigStore>());
        services.AddSingleton(sp => (IWebhookStore)sp.GetRequiredService<IConfigStore>());
        services.AddOptions<ScheduleRunnerOptions>().BindConfiguration(ScheduleRunnerOptions.SectionName);
        services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName)
            .Validate(o => o.MaxAttempts is >= 1 and <= 50, "Webhooks:MaxAttempts must be between 1 and 50.")
            .Validate(o => o.Timeout > TimeSpan.Zero && o.Timeout <= TimeSpan.FromMinutes(2), "Webhooks:Timeout must be more than 0 and at most 2 minutes.")
            .Validate(o => o.FirstRetryDelay > TimeSpan.Zero, "Webhooks:FirstRetryDelay must be more than 0.")
            .Validate(o => o.Jitter is >= 0 and <= 1, "Webhooks:Jitter must be between 0 and 1.")
            .ValidateOnStart();
        // Redirects are not followed: a webhook posts to the address its administrator gave, nowhere else.
        services.AddHttpClient(WebhookDispatcher.ClientName).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddHostedService<Scheduler>();
        services.AddSingleton<WebhookDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<WebhookDispatcher>());
        return services;
    }
}
