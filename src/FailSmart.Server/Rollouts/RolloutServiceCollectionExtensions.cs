using FailSmart.Application.Rollouts;

namespace FailSmart.Server.Rollouts;

/// <summary>Hosts the rollout engine: its options from <c>Rollouts</c>, its clock, and the looker every replica runs.</summary>
internal static class RolloutServiceCollectionExtensions
{
    public static IServiceCollection AddRolloutEngine(this IServiceCollection services, IConfiguration configuration)
    {
        RolloutHostingOptions hosting = configuration.GetSection(RolloutHostingOptions.SectionName).Get<RolloutHostingOptions>() ?? new();
        var engine = new RolloutEngineOptions { TestCommitPause = hosting.TestCommitPause };
        engine.LookInterval = hosting.LookInterval ?? engine.LookInterval;
        engine.LeaseDuration = hosting.LeaseDuration;
        engine.Holder = hosting.Holder ?? engine.Holder;
        services.AddSingleton(engine);
        if (hosting.Clock.Speed is > 0 and not 1 || hosting.Clock.Start is not null)
        {
            DateTimeOffset since = hosting.Clock.Since ?? TimeProvider.System.GetUtcNow();
            DateTimeOffset start = hosting.Clock.Start ?? since;
            services.AddKeyedSingleton<TimeProvider>(RolloutClock.Key, (sp, _) =>
            {
                RolloutServerLog.FastClock(sp.GetRequiredService<ILogger<AcceleratedClock>>(), hosting.Clock.Speed);
                return new AcceleratedClock(sp.GetRequiredService<TimeProvider>(), hosting.Clock.Speed, since, start);
            });
        }

        services.AddHostedService<RolloutLooker>();
        return services;
    }
}
