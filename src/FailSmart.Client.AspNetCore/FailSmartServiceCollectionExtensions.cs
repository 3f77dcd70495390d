using FailSmart.Client;
using FailSmart.Client.AspNetCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

#pragma warning disable IDE0130 // extension methods live in the namespace of what they extend
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers the FailSmart client in an ASP.NET Core application.</summary>
public static class FailSmartServiceCollectionExtensions
{
    /// <summary>
    /// Adds one <see cref="IFailSmartClient"/> for the application, with options bound from the
    /// "FailSmart" configuration section (then <paramref name="configure"/>) and validated at start, and
    /// <see cref="IFailSmartContext"/> for the current user's claims. Relative CacheDirectory,
    /// BootstrapFile and EventBufferDirectory paths are resolved against the host's content root.
    /// </summary>
    public static IServiceCollection AddFailSmart(this IServiceCollection services, Action<FailSmartClientOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        OptionsBuilder<FailSmartClientOptions> options = services.AddOptions<FailSmartClientOptions>().BindConfiguration(FailSmartClientOptions.SectionName);
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddEnumerable(ServiceDescriptor.Singleton<IPostConfigureOptions<FailSmartClientOptions>, ContentRootPaths>());
        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<FailSmartClientOptions>, FailSmartOptionsValidator>());
        services.AddHttpContextAccessor();
        services.TryAddSingleton<IFailSmartContext, HttpFailSmartContext>();
        services.TryAddSingleton(provider => new FailSmartClientBuilder()
            .WithOptions(provider.GetRequiredService<IOptions<FailSmartClientOptions>>().Value)
            .WithLoggerFactory(provider.GetRequiredService<ILoggerFactory>())
            .WithTimeProvider(provider.GetService<TimeProvider>() ?? TimeProvider.System)
            .Build());
        services.AddHostedService<FailSmartStartup>();
        return services;
    }
}
