using FailSmart.Application.Demo;
using FailSmart.Application.Rollouts;

namespace FailSmart.Server.Demo;

/// <summary>
/// Registers the demo loader, and wraps the host's clock and the rollout engine so the generator can write
/// history with past dates. Call after the stores, the rollout engine and the application services.
/// </summary>
internal static class DemoServiceCollectionExtensions
{
    public static IServiceCollection AddFailSmartDemo(this IServiceCollection services)
    {
        ServiceDescriptor clock = services.Last(d => d.ServiceType == typeof(TimeProvider) && !d.IsKeyedService);
        RemoveUnkeyed(services, typeof(TimeProvider));
        services.AddSingleton(sp => new DemoClock((TimeProvider)Resolve(clock, sp)));
        services.AddSingleton<TimeProvider>(sp => sp.GetRequiredService<DemoClock>());

        ServiceDescriptor engine = services.Last(d => d.ServiceType == typeof(IRolloutEngine) && !d.IsKeyedService);
        RemoveUnkeyed(services, typeof(IRolloutEngine));
        services.AddSingleton(sp => new DemoRolloutEngine((IRolloutEngine)Resolve(engine, sp)));
        services.AddSingleton<IRolloutEngine>(sp => sp.GetRequiredService<DemoRolloutEngine>());

        services.AddSingleton<DemoGenerator>();
        services.AddSingleton<IDemoLoader, DemoLoader>();
        return services;
    }

    private static void RemoveUnkeyed(IServiceCollection services, Type type)
    {
        foreach (ServiceDescriptor descriptor in services.Where(d => d.ServiceType == type && !d.IsKeyedService).ToList())
        {
            services.Remove(descriptor);
        }
    }

    private static object Resolve(ServiceDescriptor descriptor, IServiceProvider services) =>
        descriptor.ImplementationInstance
        ?? descriptor.ImplementationFactory?.Invoke(services)
        ?? ActivatorUtilities.CreateInstance(services, descriptor.ImplementationType!);
}
