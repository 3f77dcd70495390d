using FailSmart.Storage;

namespace FailSmart.Server.Events;

/// <summary>Registers flag usage: its store (the configuration store's), the server's own counter and the writer that flushes it.</summary>
internal static class UsageHostingExtensions
{
    public static IServiceCollection AddFlagUsage(this IServiceCollection services)
    {
        services.AddSingleton(sp => (IFlagUsageStore)sp.GetRequiredService<IConfigStore>());
        services.AddOptions<UsageWriterOptions>().BindConfiguration(UsageWriterOptions.SectionName)
            .Validate(o => o.Interval > TimeSpan.Zero, "Insights:Server:Interval must be more than 0.")
            .ValidateOnStart();
        services.AddSingleton<UsageCounter>();
        services.AddSingleton<UsageWriter>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageWriter>());
        return services;
    }
}
