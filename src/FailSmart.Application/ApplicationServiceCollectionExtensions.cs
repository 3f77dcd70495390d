using FailSmart.Application.Accounts;
using Microsoft.Extensions.DependencyInjection;

namespace FailSmart.Application;

/// <summary>Registers the application services. The host registers the stores and a TimeProvider.</summary>
public static class ApplicationServiceCollectionExtensions
{
    public static IServiceCollection AddFailSmartApplication(this IServiceCollection services)
    {
        services.AddSingleton<IAccountService, AccountService>();
        return services;
    }
}
